// GET /services/oauth2/authorize with its login and approval pages, as the emulated org's users see them; what
// comes once the user is known is in authorizeDecision.ts.
import { Router, type Response } from 'express';
import type { EmulatorContext } from '../context.ts';
import { errorRedirectUrl, PageError, RedirectError, RemoteAccessError } from '../authorizeErrors.ts';
import { parseAuthorizeRequest, type PendingAuthorization } from '../authorizeRequest.ts';
import { OAuthError } from '../errors.ts';
import { requestHost } from '../hosts.ts';
import { checkCredentials, endLogin, IP_RESTRICTED, sessionUser, startSession } from '../login.ts';
import { queryParams, repeatedParam } from '../params.ts';
import {
  answeredForAnother,
  continueAuthorization,
  needsApproval,
  refusedAsUninstalled,
  showApproval,
} from './authorizeDecision.ts';
import { completeAuthorization } from './authorizeResponse.ts';
import { remoteAccessErrorUrl, renderOAuthErrorPage } from './errorPage.ts';
import { LOGGED_OUT, renderLogin } from './loginPage.ts';
import { approvalUrl, unknownRequest } from './pendingAuthorizations.ts';

export function authorizeEndpoint(ctx: EmulatorContext): Router {
  const router = Router();

  router.get('/services/oauth2/authorize', (req, res) => {
    let pending: PendingAuthorization;
    const host = requestHost(ctx, req);
    try {
      pending = parseAuthorizeRequest(ctx, queryParams(req), host, repeatedParam(req, false));
    } catch (error) {
      return refuse(ctx, res, host.pageUrl, error);
    }
    const user = sessionUser(ctx, req);
    const needsLogin = !user || pending.prompt.includes('login');
    // "If the user isn't logged in or hasn't previously approved the client", immediate=true ends the flow at once.
    if (pending.immediate && (needsLogin || needsApproval(ctx, pending, user))) {
      const inFragment = pending.responseType === 'token';
      const error = OAuthError.immediateUnsuccessful();
      return res.redirect(
        errorRedirectUrl(new RedirectError(error, pending.redirectUri, inFragment, pending.state)),
      );
    }
    if (needsLogin) {
      ctx.pendingLogins.hold(req, res, pending);
      return showLogin(res, pending);
    }
    return continueAuthorization(ctx, req, res, pending, user);
  });

  router.post('/services/oauth2/authorize/login', (req, res, next) => {
    const pending = ctx.pendingLogins.find(req);
    if (!pending) return res.status(400).render('emulator/error', unknownRequest());
    const username = typeof req.body?.username === 'string' ? req.body.username : '';
    // Login IP Ranges: refused before the password is even looked at (Login History: "Restricted IP").
    if (ctx.faults.take('ip-restricted', { state: pending.state })) {
      return showLogin(res.status(403), pending, { username, error: IP_RESTRICTED });
    }
    const result = checkCredentials(ctx, req.body?.username, req.body?.password);
    if (!('user' in result)) {
      return showLogin(res.status(result.status), pending, { username, error: result.error });
    }
    // Post/Redirect/Get, as Salesforce's login redirects: Back from the app's page comes to the approval page (or
    // its "expired" page, once answered) instead of a browser asking to send the password again.
    startSession(req, result.user, next, () => res.redirect(303, approvalUrl(pending)));
  });

  // What comes after a login: the approval page when the user must allow the app, else straight back to it.
  router.get('/services/oauth2/authorize/approve', (req, res) => {
    const pending = ctx.pendingLogins.find(req, req.query.request);
    const user = sessionUser(ctx, req);
    if (!pending) return res.status(400).render('emulator/error', unknownRequest());
    if (!user) return showLogin(res, { ...pending, loginHint: undefined }, { loggedOut: true });
    continueAuthorization(ctx, req, res, pending, user);
  });

  // "Not you?": ends this browser's login at the emulator and asks again, for the same pending request.
  router.post('/services/oauth2/authorize/switch', (req, res, next) => {
    const pending = ctx.pendingLogins.find(req);
    if (!pending) return res.status(400).render('emulator/error', unknownRequest());
    endLogin(req, next, () => showLogin(res, { ...pending, loginHint: undefined }));
  });

  router.post('/services/oauth2/authorize/approve', (req, res) => {
    const pending = ctx.pendingLogins.find(req);
    const user = sessionUser(ctx, req);
    if (!pending) return res.status(400).render('emulator/error', unknownRequest());
    // Logged out since the page was shown ("Not you?" or Log out in another tab): the request still stands.
    if (!user) return showLogin(res, { ...pending, loginHint: undefined }, { loggedOut: true });
    if (refusedAsUninstalled(ctx, res, pending, user)) return;
    if (answeredForAnother(req, user)) return showApproval(ctx, req, res, pending, user, true);
    ctx.pendingLogins.forget(res, pending);
    if (req.body?.decision !== 'allow') {
      const denied = new RedirectError(
        OAuthError.accessDenied(),
        pending.redirectUri,
        pending.responseType === 'token',
        pending.state,
      );
      return res.redirect(errorRedirectUrl(denied));
    }
    ctx.state.approve(user.id);
    completeAuthorization(ctx, res, pending, user);
  });

  return router;
}

function showLogin(
  res: Response,
  pending: PendingAuthorization,
  form: { username?: string; error?: string; loggedOut?: boolean } = {},
): void {
  renderLogin(res, {
    action: '/services/oauth2/authorize/login',
    hidden: { request: pending.id },
    username: form.username ?? pending.loginHint ?? '',
    error: form.error,
    notice: form.loggedOut ? LOGGED_OUT : undefined,
    switchAction: '/services/oauth2/authorize/switch',
  });
}

/**
 * How each refusal reaches the browser: back to the app (redirectable errors); to RemoteAccessErrorPage (what the
 * org refuses); or, when the client or callback cannot be trusted, a page right here, never a redirect to an
 * address nobody registered. That page's HTTP status is unconfirmed; 400 says what it is.
 */
function refuse(ctx: EmulatorContext, res: Response, hostUrl: string, error: unknown): void {
  if (error instanceof RedirectError) return res.redirect(errorRedirectUrl(error));
  if (error instanceof RemoteAccessError)
    return res.redirect(remoteAccessErrorUrl(hostUrl, error.oauthError));
  if (error instanceof PageError)
    return renderOAuthErrorPage(ctx, res.status(400), error.oauthError, error.about);
  throw error;
}
