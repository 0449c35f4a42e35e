// What an authorize request meets once its user is known: refused when the app is not installed for them, the
// approval page when they must allow the app, else straight back to the app with the code or token.
import type { Request, Response } from 'express';
import { appAccess, blockedAsUninstalled, type EmulatorContext } from '../context.ts';
import type { PendingAuthorization } from '../authorizeRequest.ts';
import { OAuthError } from '../errors.ts';
import type { OrgUser } from '../org.ts';
import { completeAuthorization } from './authorizeResponse.ts';
import { remoteAccessErrorUrl } from './errorPage.ts';

/** Reached from the authorize request itself (already logged in) and from the page that follows a login. */
export function continueAuthorization(
  ctx: EmulatorContext,
  req: Request,
  res: Response,
  pending: PendingAuthorization,
  user: OrgUser,
): void {
  if (refusedAsUninstalled(ctx, res, pending, user)) return;
  if (needsApproval(ctx, pending, user)) return showApproval(ctx, req, res, pending, user);
  ctx.pendingLogins.forget(res, pending);
  completeAuthorization(ctx, res, pending, user);
}

/**
 * Refused when the app is not installed for this user. Checked again when the approval page is answered: another tab
 * may have logged this browser in as a user the app refuses since the page asked someone it lets in (an admin).
 * What the login meets is unconfirmed: this code is one observed on the error page (and the one explained for it);
 * the description is the emulator's.
 */
export function refusedAsUninstalled(
  ctx: EmulatorContext,
  res: Response,
  pending: PendingAuthorization,
  user: OrgUser,
): boolean {
  if (!blockedAsUninstalled(ctx, user)) return false;
  ctx.pendingLogins.forget(res, pending);
  const error = new OAuthError('OAUTH_APP_ACCESS_DENIED', 'this app is not installed in this org');
  res.redirect(remoteAccessErrorUrl(pending.pageHost, error));
  return true;
}

/** The approval page: for a self-authorized app this user has not allowed yet, or when consent is asked. */
export function needsApproval(ctx: EmulatorContext, pending: PendingAuthorization, user: OrgUser): boolean {
  const access = appAccess(ctx, user, 'peek', { state: pending.state });
  return access.selfAuthorize && (!access.preAuthorized || pending.prompt.includes('consent'));
}

/** The approval page for `user`; `userChanged` when an answer came from a page that asked another user. */
export function showApproval(
  ctx: EmulatorContext,
  req: Request,
  res: Response,
  pending: PendingAuthorization,
  user: OrgUser,
  userChanged = false,
): void {
  ctx.pendingLogins.hold(req, res, pending);
  res.render('emulator/approve', {
    title: 'Allow access?',
    pending,
    user,
    scopes: pending.scopes,
    userChanged,
  });
}

/**
 * An answer from an approval page that asked another user: this browser logged in as someone else since (another
 * tab). How Salesforce treats it is unknown; consent is the shown user's own (RFC 6749 §10.2), so the page asks
 * again. A form without the field (a script, not a browser) is taken as it always was.
 */
export const answeredForAnother = (req: Request, user: OrgUser): boolean =>
  typeof req.body?.user === 'string' && req.body.user !== user.id;
