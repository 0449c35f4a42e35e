// After login: the token (masked, revealable by its owner), who you are, and a SOQL query on the instance.
import type { Request, RequestHandler } from 'express';
import type { ReceivedError } from '../attempts/attempt.ts';
import { HttpError } from '../errors.ts';
import { sameOrigin } from '../hostKinds.ts';
import type { Login } from '../salesforce/tokens.ts';
import { explain } from '../teaching/explainer/explain.ts';
import { FLOW_NAMES } from '../teaching/flowNotes.ts';
import { activityLog, shownAttempts } from './attemptTranscript.ts';
import { askSalesforce, apiVersionNote } from './resultCalls.ts';
import { queryTable } from './queryTable.ts';
import { MAX_SOQL_LENGTH, typedSoql } from './soqlForm.ts';
import type { Services } from './services.ts';
import { tokenBoxes, tokenSnippets } from './tokenBox.ts';
import { replayedNote } from './flowPages.ts';
import { proposedUser } from './proposedUser.ts';
import { readableJwt } from './readableJwt.ts';
import { carriedUnknownSession, sessionGoneCauses } from '../retiredSessions.ts';
import { carriedReplacedId, RETRIED, replacingAnswerSent } from '../replacedSessions.ts';

/** The original tutorial's query (its views/Main.html pre-fills it), one click away. */
export const TUTORIAL_QUERY = 'Select Id, Name From Account LIMIT 10';
export const TUTORIAL_URL = 'https://github.com/JitendraZaa/JWTDemo';

declare module 'express-session' {
  interface SessionData {
    soql?: string;
    /** The SOQL box was sent empty: the page says once that the sample query ran in its place. */
    emptyQuery?: boolean;
  }
}

type Handlers = Record<'page' | 'query' | 'reveal', RequestHandler>;

const SIGN_IN_NOT_RECEIVED =
  'a sign-in finished here, but its answer never reached this browser (the page was reloaded or left while it ran), so the login it made went with that answer';

export function resultPages(services: Services): Handlers {
  const { config } = services;
  const tokenBox = tokenBoxes(config);
  return {
    async page(req, res) {
      const login = req.session.login;
      res.set('Cache-Control', 'no-store');
      if (!login && carriedReplacedId(req) && !(RETRIED in req.query)) {
        // A cookie naming a session a sign-in replaced: that sign-in may still be under way in another tab, or its
        // answer on its way to this browser. Once it has gone out, the page is asked for again with the id the
        // browser holds by then; only if that is still the old one did the answer never reach it.
        await replacingAnswerSent(req);
        return res.redirect(303, `/result?${RETRIED}=1`);
      }
      // The mark has done its work: the address a reload or bookmark keeps is the page's own.
      if (login && RETRIED in req.query) return res.redirect(303, '/result');
      if (!login) {
        // Sent back once and still with the replaced id: that sign-in's answer never reached this browser, as when
        // the callback page was reloaded or left while it ran.
        const sessionGone = carriedUnknownSession(req)
          ? sessionGoneCauses(Boolean(config.redisUrl))
          : carriedReplacedId(req)
            ? SIGN_IN_NOT_RECEIVED
            : undefined;
        return res.status(401).render('signed-out', { title: 'Not signed in', sessionGone });
      }
      const soql = req.session.soql ?? config.sampleQuery;
      const record = activityLog(req);
      const problems: ReceivedError[] = [];
      const result = await askSalesforce(services, login, soql, record, problems);
      const version = login.apiVersion;
      // The session still holds the token, but Salesforce no longer takes it (or never for the REST API, a token
      // without the api scope): the page leads with that, told apart as the explanations below tell them apart.
      const refusals = problems
        .filter((problem) => problem.error === 'INVALID_SESSION_ID')
        .map((problem) => explain(problem, { flow: login.flow }).key);
      const notForRest = refusals.includes('session-not-rest');
      const tokenRefused = refusals.length > 0 && !notForRest;
      res.render('result', {
        // The tab says which flow signed in (one result page serves them all), and a refused query (the page opens
        // at the query, its error below the form: a screen reader hears the title first).
        title: `${tokenRefused ? 'Token refused' : 'Signed in'} (${FLOW_NAMES[login.flow]} flow)${problems.length > 0 && !tokenRefused ? ': query refused' : ''}`,
        login,
        tokenRefused,
        notForRest,
        // An SF_LOGIN_URL that is the org's My Domain is also its instance_url.
        instanceIsLoginHost: sameOrigin(login.tokens.instance_url, config.loginUrl),
        instanceOrigin: new URL(login.tokens.instance_url).origin,
        apiVersionNote: apiVersionNote(config, login),
        maskedToken: maskToken(login.tokens.access_token),
        accessJwt: readableJwt(login.tokens.access_token),
        issuedAt: issuedAt(login),
        soql,
        emptyQuery: takeEmptyQuery(req),
        tutorialQuery: TUTORIAL_QUERY,
        tutorialUrl: TUTORIAL_URL,
        tokenBox: version ? await tokenBox(req, login, version, soql) : undefined,
        result,
        table: result ? queryTable(result.records) : undefined,
        problems,
        attempt: shownAttempts(req).find((shown) => shown.id === login.attempt?.id),
        replayed: replayedNote(req, login.flow),
        ...proposedUser(login, config.username),
        toolResult: req.session.toolResult,
        maxSoqlLength: MAX_SOQL_LENGTH,
        scripts: ['/js/result.js'],
      });
    },

    query(req, res) {
      const typed = typedSoql(req.body);
      const tutorial = req.body?.preset === 'tutorial';
      req.session.soql = tutorial ? TUTORIAL_QUERY : typed || config.sampleQuery;
      req.session.emptyQuery = !tutorial && !typed;
      res.redirect(303, '/result#query');
    },

    /** Shows the owner their own token: read from their session, never from a URL. */
    reveal(req, res) {
      const login = req.session.login;
      if (!login) throw new HttpError(401, 'Not signed in', 'There is no token in this session.');
      const soql = req.session.soql ?? config.sampleQuery;
      res.set('Cache-Control', 'no-store').json({
        access_token: login.tokens.access_token,
        snippets: login.apiVersion ? tokenSnippets(config, login, login.apiVersion, soql, true) : undefined,
      });
    },
  };
}

/** Enough to recognise the token (the org id prefix and its length), not enough to use it. */
export function maskToken(token: string): string {
  return `${token.slice(0, 6)}…${'•'.repeat(8)} (${token.length} characters)`;
}

function issuedAt(login: Login): { iso: string; fromResponse: boolean } {
  const ms = login.tokens.issued_at ? Number(login.tokens.issued_at) : login.receivedAt;
  return { iso: new Date(ms).toISOString(), fromResponse: Boolean(login.tokens.issued_at) };
}

/** Said once, on the page the empty query's answer shows on. */
function takeEmptyQuery(req: Request): boolean {
  const empty = req.session.emptyQuery === true;
  if (empty) delete req.session.emptyQuery;
  return empty;
}
