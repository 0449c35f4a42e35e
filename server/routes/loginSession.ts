// Starting a signed-in session: a new session id (no session fixation), and so a new CSRF token. What this browser
// still has under way in other tabs comes along (a login at Salesforce's page, a device code, their attempt), so a
// sign-in in one tab does not end another's, nor drop the switches armed there; nothing planted in the session before
// the login comes along.
import type { Request } from 'express';
import { knownBrowserKey } from '../csrf.ts';
import { constantTimeEqual } from '../flows/checks.ts';
import { newIdGoesWith } from '../replacedSessions.ts';
import type { Login } from '../salesforce/tokens.ts';

/**
 * Which browser started something: its CSRF cookie, or the one this very answer gives it (browserKey). A __Host-
 * cookie is set only over HTTPS by this host, never by a parent or sibling domain, so whoever planted a session id
 * that way cannot give a login of theirs this mark.
 */
export function browserOf(req: Request): string | undefined {
  return knownBrowserKey(req);
}

/**
 * What of the old session survives the new id: the used and matched states, and what this very browser started (or
 * a logout of its ended).
 */
function carriedOver(req: Request) {
  const browser = browserOf(req);
  const mine = (entry: { browser?: string } | undefined) =>
    browser !== undefined && entry?.browser !== undefined && constantTimeEqual(entry.browser, browser);
  const transactions = Object.fromEntries(
    Object.entries(req.session.transactions ?? {}).filter(([, transaction]) => mine(transaction)),
  );
  const device = mine(req.session.device) ? req.session.device : undefined;
  // The records of logins still under way, when their transaction came along (transactions are keyed by attempt).
  const attempts = Object.fromEntries(
    Object.entries(req.session.attempts ?? {}).filter(
      ([, pending]) =>
        pending.ok === undefined &&
        (pending.id in transactions || (pending.flow === 'device' && device !== undefined)),
    ),
  );
  // Switches armed in one tab for its next attempt stay armed when another tab signs in: dropped, the next attempt
  // would run whole, the lesson it was armed for silently missing. Only this very browser's: none planted.
  const { faults, faultsFor, faultsBy } = req.session;
  const armed = browser !== undefined && faultsBy === browser ? { faults, faultsFor, faultsBy } : {};
  // What a logout of this browser ended stays known: its login coming back after this sign-in is told so.
  const { loggedOutLogins, usedStates, matchedStates } = req.session;
  const ended = mine(loggedOutLogins) ? { loggedOutLogins } : {};
  return { usedStates, matchedStates, transactions, device, attempts, ...armed, ...ended };
}

/**
 * Signs the visitor in under a new session id. A refresh (`continuing`) keeps everything of the session, the
 * query and the armed switches included, but the last token tool's answer: it changes who holds the tokens in
 * nothing, only which id can write them.
 */
export function startLoggedInSession(req: Request, login: Login, continuing = false): Promise<void> {
  // A token tool's answer was about the tokens a refresh replaces ("active": false of a revoked one): it goes.
  const kept = continuing
    ? Object.fromEntries(
        Object.entries(req.session).filter(([key]) => key !== 'cookie' && key !== 'toolResult'),
      )
    : carriedOver(req);
  const oldId = req.sessionID;
  return new Promise((resolve, reject) => {
    req.session.regenerate((error) => {
      if (error) return reject(error);
      Object.assign(req.session, { ...kept, login });
      // Another tab's request with the old id, until this answer is out, cannot tell a lost answer from a late one.
      if (oldId) newIdGoesWith(oldId, req.res);
      resolve();
    });
  });
}
