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
  // What the login meets is unconfirmed: this code is one observed on the error page (and the one explained for
  // it); the description is the emulator's.
  if (blockedAsUninstalled(ctx, user)) {
    ctx.pendingLogins.forget(res, pending);
    const error = new OAuthError('OAUTH_APP_ACCESS_DENIED', 'this app is not installed in this org');
    return res.redirect(remoteAccessErrorUrl(pending.pageHost, error));
  }
  if (needsApproval(ctx, pending, user)) {
    ctx.pendingLogins.hold(req, res, pending);
    res.render('emulator/approve', { title: 'Allow access?', pending, user, scopes: pending.scopes });
    return;
  }
  ctx.pendingLogins.forget(res, pending);
  completeAuthorization(ctx, res, pending, user);
}

/** The approval page: for a self-authorized app this user has not allowed yet, or when consent is asked. */
export function needsApproval(ctx: EmulatorContext, pending: PendingAuthorization, user: OrgUser): boolean {
  const access = appAccess(ctx, user, 'peek', { state: pending.state });
  return access.selfAuthorize && (!access.preAuthorized || pending.prompt.includes('consent'));
}
