// The one callback, /oauthcallback.html: a code or error in the query is the web server flow, finished here;
// otherwise the page's script reads the #fragment (user-agent flow) and posts it to /oauthcallback/fragment.
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { FlowContext } from '../flows/context.ts';
import { LRUCache } from 'lru-cache';
import {
  stateDigest,
  TRANSACTION_LIFETIME_MS,
  type CallbackMatch,
  type Transaction,
} from '../flows/transactions.ts';
import * as userAgent from '../flows/userAgent.ts';
import * as webServer from '../flows/webServer.ts';
import { describeFailure } from '../salesforce/errors.ts';
import { finishAttempt } from './attemptFinish.ts';
import { callbackAttempt, takeSessionTransaction } from './loginTransactions.ts';
import { settleOrgFaults } from './attemptFaults.ts';
import { attemptLog } from './attemptTranscript.ts';
import { failedAttemptUrl, finishedAttemptUrl, replayedAttemptUrl } from './flowPages.ts';
import type { Services } from './services.ts';
import { carriedReplacedId, RETRIED, replacingAnswerSent } from '../replacedSessions.ts';
import { carriedUnknownSession } from '../retiredSessions.ts';
import { FLOW_NAMES } from '../teaching/flowNotes.ts';

/** How each redirect flow finishes the protocol once its transaction is found (or not) by the returned state. */
const COMPLETE = {
  'web-server': (ctx: FlowContext, params: Params, match: CallbackMatch<Transaction>) =>
    webServer.completeCallback(ctx, params, match as CallbackMatch<webServer.WebServerTransaction>),
  'user-agent': (ctx: FlowContext, params: Params, match: CallbackMatch<Transaction>) =>
    userAgent.completeFragment(ctx, params, match as CallbackMatch<userAgent.UserAgentTransaction>),
};

type Params = Record<string, string | undefined>;

/** Marks a callback this app has sent back once already (see `query`). */
const RETRIED_MARK = `${RETRIED}=1`;

/**
 * States whose callback this process has begun to finish. Two loads of one callback at once each find the transaction
 * in their own copy of the session (a session is saved when its request ends): the first claims the state, the second
 * is a replay, so a single-use code is never sent twice. (Several app processes share no claims: their sessions in
 * Redis still end the replay that comes later.)
 */
const claimedStates = new LRUCache<string, true>({ max: 10_000, ttl: TRANSACTION_LIFETIME_MS });

function claimOnce(match: CallbackMatch<Transaction>): CallbackMatch<Transaction> {
  if (!match.transaction) return match;
  const digest = stateDigest(match.transaction.state);
  if (claimedStates.has(digest)) return { transaction: undefined, replayed: true };
  claimedStates.set(digest, true);
  return match;
}

export function callbackHandlers(services: Services): { query: RequestHandler; fragment: RequestHandler } {
  const { config, api, now } = services;

  /**
   * Logs the callback leg (the URL the browser came back with), takes the transaction its state belongs to out of
   * the session, and lets the flow finish the protocol. Resolves to where the visitor goes next: signed in, back to
   * the flow page, or to the flow page's unexchanged code; for an answer already had, back to what it gave then.
   */
  const finishCallback = async (req: Request, flow: keyof typeof COMPLETE, url: string, params: Params) => {
    const claimed = claimOnce(takeSessionTransaction(req, flow, params.state, now(), services.pendingLogins));
    // An answer to a login already finished: refused without a record, so the lesson of that login stays.
    const replayed = claimed.replayed ? replayedAttemptUrl(req, flow) : undefined;
    if (replayed) return replayed;
    const attempt = callbackAttempt(req, flow, claimed.transaction, now());
    const match = { ...claimed, faults: attempt.faults, sessionLost: carriedUnknownSession(req) };
    try {
      const log = attemptLog(attempt);
      const entry = { kind: 'callback', leg: 'callback', method: 'GET', url, requestHeaders: {} } as const;
      log.entry({ id: randomUUID(), at: now(), ...entry });
      if (match.replayed) attempt.replay = true;
      const ctx = { config, api, now, log, held: req.session.login?.tokens };
      const transaction = match.transaction as webServer.WebServerTransaction | undefined;
      if (flow === 'web-server' && transaction?.handOver) {
        // The visitor's login (if any) stays as it was: this attempt signs no one in.
        try {
          const tokenRequest = webServer.handOverCode(ctx, params, { ...match, transaction });
          Object.assign(attempt, { handedOver: { tokenRequest }, ok: true });
          return `/flows/${flow}#handed-over`;
        } catch (error) {
          Object.assign(attempt, { error: describeFailure(error), ok: false });
          return failedAttemptUrl(flow);
        }
      }
      const signedIn = await finishAttempt(req, attempt, services, () => COMPLETE[flow](ctx, params, match));
      return finishedAttemptUrl(attempt, signedIn);
    } finally {
      // The login has come back: faults it armed and never reached must not fail anyone's next one. A handed-over
      // code is still to be exchanged, by the learner's own client: its faults wait for that (or expire).
      if (!attempt.handedOver) settleOrgFaults(attempt, services.orgControl);
    }
  };

  return {
    async query(req, res) {
      if (!('code' in req.query) && !('error' in req.query)) {
        // Reloaded while it posted the fragment (the page clears it at once), it has nothing left to post: it leads
        // to the result page if that post signed this browser in, or if a sign-in replaced the session it held.
        const signedIn = req.session.login ? FLOW_NAMES[req.session.login.flow] : undefined;
        return res.set('Cache-Control', 'no-store').render('callback', {
          title: 'Finishing sign-in',
          scripts: ['/js/callback.js'],
          csrfMeta: true,
          signedIn,
          replaced: !signedIn && carriedReplacedId(req),
        });
      }
      // The query as Salesforce sent it (the path is this route's own, whatever form the request line took).
      const query = req.originalUrl.slice(req.originalUrl.indexOf('?') + 1);
      // Sent while a sign-in in another tab gave this browser a new session id: the login waits in that session.
      // Once more, then, with the id the browser holds once that sign-in has answered; a second time it goes on (the
      // browser never got it).
      if (carriedReplacedId(req) && !(RETRIED in req.query)) {
        await replacingAnswerSent(req);
        return res.redirect(303, `${req.path}?${query}&${RETRIED_MARK}`);
      }
      const sent = query.endsWith(`&${RETRIED_MARK}`) ? query.slice(0, -RETRIED_MARK.length - 1) : query;
      const url = new URL(`${req.path}?${sent}`, config.callbackUrl).href;
      res.redirect(303, await finishCallback(req, 'web-server', url, singleValues(req.query, [RETRIED])));
    },

    async fragment(req, res) {
      const params = singleValues(req.body ?? {}, ['_csrf']);
      const url = `${config.callbackUrl}#${new URLSearchParams(params as Record<string, string>).toString()}`;
      res
        .set('Cache-Control', 'no-store')
        .json({ redirect: await finishCallback(req, 'user-agent', url, params) });
    },
  };
}

/**
 * Repeated parameters (?code=a&code=b) arrive as arrays, nested ones as objects: only single strings are taken. An
 * empty one (?error=) is no value either: Salesforce never sends one, and "Salesforce answered" nothing says nothing.
 */
function singleValues(source: object, skip: string[] = []): Params {
  // fromEntries defines own properties, so a parameter named __proto__ stays a plain value.
  return Object.fromEntries(
    Object.entries(source).filter(
      ([name, value]) => typeof value === 'string' && value !== '' && !skip.includes(name),
    ),
  );
}
