// What a logout ended, remembered by the session that follows it: digests of the states of this browser's logins it
// ended (waiting at Salesforce, or already come back once), so that one of them coming back is told it was the logout,
// not a stranger. Only digests: the states themselves went with the ended session.
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { LRUCache } from 'lru-cache';
import { constantTimeEqual } from '../flows/checks.ts';
import { stateDigest, type LoggedOutLogin } from '../flows/transactions.ts';
import { browserOf } from './loginSession.ts';
import type { PendingLogins } from './pendingLogins.ts';
import { SESSION_TTL_MS } from '../sessionStore.ts';
import { replacedMarks } from './startMarks.ts';

declare module 'express-session' {
  interface SessionData {
    /** Digests of states that found their login here (their callback came): a logout hands them on. */
    matchedStates?: string[];
    /** The logins the last logouts of this browser ended (see loggedOutLogin). */
    loggedOutLogins?: LoggedOutLogins;
  }
}

export interface LoggedOutLogins {
  /** The browser that logged out: only its own callbacks are told about its logout. */
  browser: string;
  /** Logins under way at Salesforce when it logged out. */
  waiting: string[];
  /** Logins whose callback had come before it (a Back or a bookmark may bring it again). */
  answered: string[];
}

/** As many as a session keeps of each (five waiting logins here and five in the pending ones; ten used states). */
const MAX_KEPT = 10;

/**
 * The last logout's record of each browser, kept by this process too: a callback that left with the logged-out
 * session's id (sent before the logout's answer came, or that answer was lost) starts on an empty session, which
 * has no record, yet comes from the browser that logged out. Keyed by a digest of the browser's mark, and read only
 * for that browser (compared in constant time); as long as a session would have kept it.
 */
const lastLogouts = new LRUCache<string, LoggedOutLogins>({ max: 2000, ttl: SESSION_TTL_MS });
const browserDigest = (browser: string) => createHash('sha256').update(browser).digest('base64url');

/** A state that found its login: remembered (as a digest) until a logout hands it on. */
export function rememberMatched(req: Request, state: string): void {
  req.session.matchedStates = [...(req.session.matchedStates ?? []), stateDigest(state)].slice(-MAX_KEPT);
}

/**
 * What a logout ends, read before it ends it: this browser's waiting logins (the session's own and the pending ones,
 * its replaced marks' included, which it forgets here) and the logins that came back, added to what earlier logouts of this browser ended; kept
 * for the browser in lastLogouts as well.
 */
export function endLogins(req: Request, pending: PendingLogins): LoggedOutLogins | undefined {
  const browser = browserOf(req);
  // Also the logins started with a mark another tab replaced (startMarks.ts): this browser's too, though not its mark's.
  const forgotten = [
    ...pending.forgetBrowser(browser),
    ...replacedMarks(req).flatMap(({ digest, mark }) => pending.forgetStarted(digest, mark)),
  ];
  if (browser === undefined) return undefined;
  const own = Object.values(req.session.transactions ?? {}).filter(
    (transaction) => transaction.browser !== undefined && constantTimeEqual(transaction.browser, browser),
  );
  const earlier = mine(req.session.loggedOutLogins, browser);
  const newest = (digests: string[]) => [...new Set(digests)].slice(-MAX_KEPT);
  const ended = {
    browser,
    waiting: newest([
      ...(earlier?.waiting ?? []),
      ...forgotten,
      ...own.map((transaction) => stateDigest(transaction.state)),
    ]),
    answered: newest([...(earlier?.answered ?? []), ...(req.session.matchedStates ?? [])]),
  };
  lastLogouts.set(browserDigest(browser), ended);
  return ended;
}

/** Whether `state` is one of a login this very browser started and a logout of its ended. */
export function loggedOutLogin(req: Request, state: string | undefined): LoggedOutLogin | undefined {
  const browser = browserOf(req);
  const ended =
    mine(req.session.loggedOutLogins, browser) ??
    (browser === undefined ? undefined : mine(lastLogouts.get(browserDigest(browser)), browser));
  if (!ended || state === undefined) return undefined;
  const digest = stateDigest(state);
  const among = (digests: string[]) =>
    digests.reduce((found, kept) => constantTimeEqual(kept, digest) || found, false);
  if (among(ended.waiting)) return 'waiting';
  return among(ended.answered) ? 'answered' : undefined;
}

/** The record, if the browser asking is the one that logged out (a session id alone is not enough). */
function mine(ended: LoggedOutLogins | undefined, browser: string | undefined) {
  return ended && browser !== undefined && constantTimeEqual(ended.browser, browser) ? ended : undefined;
}
