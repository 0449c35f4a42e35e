// The emulator's password check (shared by the authorize and setup login pages) and the session it starts.
import type { NextFunction, Request } from 'express';
import { findUserByUsername, type EmulatorContext } from './context.ts';
import { LOCKED_OUT_MESSAGE } from './lockout.ts';
import type { OrgUser } from './org.ts';
import { safeEqual } from './secrets.ts';

declare module 'express-session' {
  interface SessionData {
    sfUserId?: string;
  }
}

/** Salesforce's own wording; one message for every failure, so the page does not reveal which usernames exist. */
export const LOGIN_FAILED =
  'Please check your username and password. If you still can’t log in, contact your Salesforce administrator.';

/**
 * A login from outside the profile's Login IP Ranges. Salesforce's page wording for it was not found in a stored
 * source; Login History records the attempt as "Restricted IP", which this names.
 */
export const IP_RESTRICTED =
  'You can’t log in from this IP address: your administrator limits where users can log in (Login History: Restricted IP). Contact your Salesforce administrator.';

export type LoginResult = { user: OrgUser } | { status: 401 | 403; error: string };

/** Username and password as posted (anything that is not a string counts as empty). */
export function checkCredentials(ctx: EmulatorContext, username: unknown, password: unknown): LoginResult {
  const user = findUserByUsername(ctx, typeof username === 'string' ? username : '');
  // A locked user is refused even with the right password, until the lock expires or an admin unlocks it.
  if (user && ctx.logins.isLocked(user.id)) return { status: 403, error: LOCKED_OUT_MESSAGE };
  const passwordMatches = safeEqual(typeof password === 'string' ? password : '', ctx.options.password);
  if (user && !passwordMatches && ctx.logins.recordFailure(user.id)) {
    return { status: 403, error: LOCKED_OUT_MESSAGE };
  }
  if (!user || !user.active || !passwordMatches) return { status: 401, error: LOGIN_FAILED };
  ctx.logins.recordSuccess(user.id);
  return { user };
}

/**
 * Logs the user in under a new session id, so that a session id planted before login (session fixation) never
 * becomes a logged-in one. Any error reaches Express's error handler, never the process.
 */
export function startSession(req: Request, user: OrgUser, next: NextFunction, then: () => void): void {
  req.session.regenerate((error: unknown) => {
    if (error) return next(error);
    try {
      req.session.sfUserId = user.id;
      then();
    } catch (thrown) {
      next(thrown);
    }
  });
}

/**
 * Ends this browser's login ("Not you?"), under a new session id; the same authorization or device code is asked for
 * again (they are held apart from the session, in pendingLogins.ts).
 */
export function endLogin(req: Request, next: NextFunction, then: () => void): void {
  req.session.regenerate((error: unknown) => {
    if (error) return next(error);
    try {
      then();
    } catch (thrown) {
      next(thrown);
    }
  });
}

/** The logged-in emulator user of this browser, if still active. */
export function sessionUser(ctx: EmulatorContext, req: Request): OrgUser | undefined {
  const id = req.session.sfUserId;
  const user = typeof id === 'string' ? ctx.users.find((candidate) => candidate.id === id) : undefined;
  return user?.active ? user : undefined;
}
