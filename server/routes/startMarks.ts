// The mark a login's start gave the browser, kept in a cookie of that login's own. Two tabs whose first requests
// here start a login at once each get a new mark, and the browser keeps only the later one: the earlier login's
// callback shows with this cookie that it is this browser's, as the mark it was started with would have.
import type { Request } from 'express';
import { cookieValue } from '../csrf.ts';
import { stateDigest, TRANSACTION_LIFETIME_MS } from '../flows/transactions.ts';

/** __Host-, as the mark itself: set only by this origin over HTTPS; named by the login's state digest. */
const PREFIX = '__Host-playground.start-';
const ATTRIBUTES = '; Path=/; HttpOnly; Secure; SameSite=Lax';

/**
 * Only a start that gave the browser its mark in this very answer (its first request here): a browser that sent one
 * keeps it, and its logins need no cookie more.
 */
export function keepStartMark(req: Request, state: string, browser: string): void {
  if (req.res?.locals.csrfBrowser !== browser) return;
  const maxAge = Math.floor(TRANSACTION_LIFETIME_MS / 1000);
  req.res.append('Set-Cookie', `${PREFIX}${stateDigest(state)}=${browser}${ATTRIBUTES}; Max-Age=${maxAge}`);
}

/** The mark the login of `state` was started with, if this browser kept it (an empty cookie is none). */
export function startMark(req: Request, state: string | undefined): string | undefined {
  return state === undefined ? undefined : cookieValue(req, `${PREFIX}${stateDigest(state)}`) || undefined;
}

/** The login has come back: its cookie goes. */
export function dropStartMark(req: Request, state: string | undefined): void {
  if (state !== undefined && cookieValue(req, `${PREFIX}${stateDigest(state)}`) !== undefined)
    req.res?.append('Set-Cookie', `${PREFIX}${stateDigest(state)}=${ATTRIBUTES}; Max-Age=0`);
}

/**
 * The logins of this browser that another tab's mark replaced, as their cookies keep them: each its state digest (the
 * cookie's name) and the mark it was started with (its value). A logout ends each only where the two belong together
 * (loggedOutLogins.ts): a cookie naming another browser's mark alone ends nothing. Their number is bounded by the
 * header's size (maxHeaderSize), and each costs one lookup.
 */
export function replacedMarks(req: Request): { digest: string; mark: string }[] {
  const found = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    const name = part.slice(0, eq).trim();
    const mark = part.slice(eq + 1).trim();
    if (eq > 0 && name.startsWith(PREFIX) && mark) found.set(name.slice(PREFIX.length), mark);
  }
  return [...found].map(([digest, mark]) => ({ digest, mark }));
}
