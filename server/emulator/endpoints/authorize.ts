// GET /services/oauth2/authorize with its login and approval pages, as the emulated org's users see them.
import { Router, type Request, type Response } from 'express';
import { appAccess, findUserById, findUserByUsername, type EmulatorContext } from '../context.ts';
import {
  PageError,
  parseAuthorizeRequest,
  RedirectError,
  errorRedirectUrl,
  type PendingAuthorization,
} from '../authorizeRequest.ts';
import { OAuthError } from '../errors.ts';
import type { OrgUser } from '../org.ts';
import { mergedParams } from '../params.ts';
import { safeEqual } from '../secrets.ts';
import { completeAuthorization } from './authorizeResponse.ts';

declare module 'express-session' {
  interface SessionData {
    sfUserId?: string;
    sfPending?: Record<string, PendingAuthorization>;
  }
}

const MAX_PENDING = 10;
const LOGIN_FAILED =
  'Please check your username and password. If you still can’t log in, contact your Salesforce administrator.';

export function authorizeEndpoint(ctx: EmulatorContext): Router {
  const router = Router();

  router.get('/services/oauth2/authorize', (req, res) => {
    let pending: PendingAuthorization;
    try {
      pending = parseAuthorizeRequest(ctx, mergedParams(req));
    } catch (error) {
      return refuse(res, error);
    }
    const pendings = { ...req.session.sfPending, [pending.id]: pending };
    req.session.sfPending = Object.fromEntries(Object.entries(pendings).slice(-MAX_PENDING));
    const user = req.session.sfUserId ? findUserById(ctx, req.session.sfUserId) : undefined;
    if (!user?.active || pending.prompt.includes('login')) return showLogin(res, pending);
    return decide(ctx, req, res, pending, user);
  });

  router.post('/services/oauth2/authorize/login', (req, res) => {
    const pending = takePending(req, false);
    if (!pending) return res.status(400).render('emulator/error', expiredRequest());
    const username = typeof req.body?.username === 'string' ? req.body.username : '';
    const password = typeof req.body?.password === 'string' ? req.body.password : '';
    const user = findUserByUsername(ctx, username);
    // One message for every failure, so the page does not reveal which usernames exist.
    if (!user || !user.active || !safeEqual(password, ctx.options.password)) {
      return showLogin(res.status(401), pending, { username, error: LOGIN_FAILED });
    }
    // A new session id at login: a session id fixed before login must not become a logged-in one.
    const kept = req.session.sfPending;
    req.session.regenerate((error) => {
      if (error) return res.status(500).render('emulator/error', expiredRequest());
      req.session.sfUserId = user.id;
      req.session.sfPending = kept;
      decide(ctx, req, res, pending, user);
    });
  });

  router.post('/services/oauth2/authorize/approve', (req, res) => {
    const pending = takePending(req, true);
    const user = req.session.sfUserId ? findUserById(ctx, req.session.sfUserId) : undefined;
    if (!pending || !user) return res.status(400).render('emulator/error', expiredRequest());
    if (req.body?.decision !== 'allow') {
      return res.redirect(
        errorRedirectUrl(
          new RedirectError(
            OAuthError.accessDenied(),
            pending.redirectUri,
            pending.responseType === 'token',
            pending.state,
          ),
        ),
      );
    }
    ctx.state.approve(user.id);
    completeAuthorization(ctx, res, pending, user);
  });

  return router;
}

function decide(
  ctx: EmulatorContext,
  req: Request,
  res: Response,
  pending: PendingAuthorization,
  user: OrgUser,
): void {
  const access = appAccess(ctx, user);
  const needsApproval = access.selfAuthorize && (!access.preAuthorized || pending.prompt.includes('consent'));
  if (needsApproval) {
    req.session.sfPending = { ...req.session.sfPending, [pending.id]: pending };
    res.render('emulator/approve', { title: 'Allow access?', pending, user, scopes: pending.scopes });
    return;
  }
  takePending(req, true, pending.id);
  completeAuthorization(ctx, res, pending, user);
}

function showLogin(
  res: Response,
  pending: PendingAuthorization,
  form: { username?: string; error?: string } = {},
): void {
  res.render('emulator/login', {
    title: 'Login',
    requestId: pending.id,
    username: form.username ?? pending.loginHint ?? '',
    error: form.error,
  });
}

/** The pending request named by the form's `request` field; removed when the flow completes. */
function takePending(
  req: Request,
  remove: boolean,
  id = String(req.body?.request ?? ''),
): PendingAuthorization | undefined {
  const pending = req.session.sfPending?.[id];
  if (pending && remove && req.session.sfPending) delete req.session.sfPending[id];
  return pending;
}

function refuse(res: Response, error: unknown): void {
  if (error instanceof RedirectError) return res.redirect(errorRedirectUrl(error));
  if (error instanceof PageError) {
    // Salesforce shows these on its own page, as "error=...&error_description=..." with %20 for spaces.
    const text = `error=${encodeURIComponent(error.oauthError.error)}&error_description=${encodeURIComponent(error.oauthError.error_description)}`;
    return res.status(400).render('emulator/error', {
      title: 'OAuth error',
      heading: 'Cannot authorize this request',
      text,
      code: error.oauthError.error,
    });
  }
  throw error;
}

function expiredRequest() {
  return {
    title: 'Request expired',
    heading: 'This login request has expired',
    text: 'Start the login again from the application.',
    code: 'expired',
  };
}
