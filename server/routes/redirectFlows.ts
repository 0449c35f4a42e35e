// The two redirect flows' pages: an explanation page, and a start link that sends the browser to authorize.
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Fault, FlowName } from '../attempts/attempt.ts';
import type { Config } from '../config.ts';
import { loginChoices, readLoginOptions, type LoginOptions } from '../flows/loginOptions.ts';
import type { Transaction } from '../flows/transactions.ts';
import * as userAgent from '../flows/userAgent.ts';
import * as webServer from '../flows/webServer.ts';
import { beginAttempt, latestAttempt } from './attemptSession.ts';
import { answeredWithoutStarting } from './startLookups.ts';
import { handedOverSnippets } from './handOver.ts';
import { saveTransaction } from './loginTransactions.ts';
import { saveSessionFirst } from './sessionSave.ts';
import { repeatSigner } from './startQuery.ts';
import { armedFaults, armFaults, armOrgFaults, settleOrgFaults } from './attemptFaults.ts';
import { attemptLog } from './attemptTranscript.ts';
import { failedAttemptUrl, flowContext, renderFlowPage } from './flowPages.ts';
import { preflightAuthorize } from '../flows/preflight.ts';
import { browserKey } from '../csrf.ts';
import { forBrowser } from '../configPublic.ts';
import { sessionEnded } from '../retiredSessions.ts';
import { describeFailure } from '../salesforce/errors.ts';
import type { Services } from './services.ts';

declare module 'express-session' {
  interface SessionData {
    /**
     * Set by "new attempt and copy" (a POST with the CSRF token) and used up by the next web server start: only then
     * does hand_over=1 keep the code from being exchanged. A link alone, from any page, cannot ask for a hand-over.
     */
    handOverNext?: boolean;
  }
}

export type RedirectFlowName = Extract<FlowName, 'web-server' | 'user-agent'>;

interface RedirectFlow {
  title: string;
  buildRequest(
    config: Config,
    nowMs: number,
    faults: Fault[],
    login: LoginOptions,
  ): { transaction: Transaction; authorizeUrl: string };
}

const FLOWS: Record<RedirectFlowName, RedirectFlow> = {
  'web-server': { title: 'Web server flow with PKCE', buildRequest: webServer.buildRequest },
  'user-agent': { title: 'User-agent flow', buildRequest: userAgent.buildRequest },
};

export function redirectFlowPages(services: Services): {
  page(flow: RedirectFlowName): RequestHandler;
  start(flow: RedirectFlowName): RequestHandler;
} {
  const { config, now, orgControl } = services;
  const signer = repeatSigner(config);
  return {
    page: (flow) => (req, res) => {
      renderFlowPage(req, res, flow, {
        title: FLOWS[flow].title,
        secretConfigured: Boolean(config.clientSecret),
        handedOver: handedOverSnippets(config, latestAttempt(req, flow)),
        login: loginChoices(config, req.hostname, latestAttempt(req, flow)),
      });
    },
    // A GET form, not a POST: the answer is a redirect to the login host, where the browser goes next.
    start: (flow) => async (req, res) => {
      if (answeredWithoutStarting(req, res)) return;
      // "Send me anyway" after a refused pre-flight: straight to Salesforce's page. It and a restart (below) repeat
      // the attempt their link names, its faults included; faults armed meanwhile stay armed for the next one.
      const anyway = req.query.anyway === '1';
      const restarted = req.query.restarted === '1';
      // A start that is the browser's first request here (a bookmark) gives it its mark now: kept without one, its
      // login could not prove whose it is, and another tab's sign-in before it came back would leave it behind.
      const browser = browserKey(req, res);
      const repeated =
        anyway || restarted ? signer.repeatedFaults(req.query, flow, config, browser) : undefined;
      // A restart is the same start again: switches it had taken, still armed in a session another tab's refresh
      // carried over before that start was saved, are taken again, not left to break the next attempt too.
      if (restarted && repeated && sameFaults(armedFaults(req, flow), repeated)) armFaults(req, flow, []);
      const attempt = beginAttempt(req, flow, now(), { faults: repeated });
      const login = readLoginOptions(req.query, config);
      const { transaction, authorizeUrl } = FLOWS[flow].buildRequest(config, now(), attempt.faults, login);
      // Bound to the state this login sends (tampered or not): only its requests, and its code's exchange, meet them.
      const state = new URL(authorizeUrl).searchParams.get('state');
      if (state) armOrgFaults(attempt, orgControl, { state });
      // "New attempt and copy" for a spent code: this login's code goes to the learner, unexchanged.
      const handOver =
        flow === 'web-server' && req.query.hand_over === '1' && req.session.handOverNext === true;
      delete req.session.handOverNext;
      if (handOver) (transaction as webServer.WebServerTransaction).handOver = true;
      attempt.startQuery = new URLSearchParams(
        signer.repeatQuery(req.query, flow, attempt.faults, browser),
      ).toString();
      if (!anyway) {
        const refused = await preflightAuthorize(flowContext(services, attempt), authorizeUrl).catch(
          (error: unknown) => ({ failure: error }),
        );
        if (refused) {
          if ('failure' in refused)
            Object.assign(attempt, { error: describeFailure(refused.failure), ok: false });
          else {
            const { toCallback, ...error } = refused;
            Object.assign(attempt, {
              error: { ...error, source: 'redirect' as const },
              ok: false,
              preflightRefused: toCallback ? 'callback' : 'page',
            });
          }
          settleOrgFaults(attempt, orgControl);
          return res.redirect(303, failedAttemptUrl(flow));
        }
      }
      // Another tab signed in or refreshed while the pre-flight ran: this session has ended, and a login kept in it
      // could never come back. The browser starts again, now with the new session's cookie (once: no loop).
      if (sessionEnded(req) && req.query.restarted !== '1') {
        settleOrgFaults(attempt, orgControl);
        // The same start again: its choices and signed faults, as "send me anyway" would repeat them.
        const again = new URLSearchParams(attempt.startQuery);
        if (anyway) again.append('anyway', '1');
        again.append('restarted', '1');
        return res.redirect(303, `${req.path}?${again}`);
      }
      saveTransaction(req, attempt, transaction, services.pendingLogins);
      attemptLog(attempt).entry({
        id: randomUUID(),
        at: now(),
        kind: 'redirect',
        leg: 'authorize',
        method: 'GET',
        url: forBrowser(config, authorizeUrl),
        requestHeaders: {},
      });
      // The login comes back only to what this session keeps (state, PKCE verifier): kept before the browser goes.
      await saveSessionFirst(req, config);
      // The pre-flight above asked the login host from this machine; the browser goes where it reaches that host.
      res.redirect(forBrowser(config, authorizeUrl));
    },
  };
}

/** The same faults, in any order. */
function sameFaults(a: readonly Fault[], b: readonly Fault[]): boolean {
  return a.length === b.length && a.every((fault) => b.includes(fault));
}
