// /services/auth/idp/oidc/logout, the end_session_endpoint of discovery: ends this browser's login at the org, then
// returns to the app when post_logout_redirect_uri is on one of its callback URLs' origins. Whether Salesforce honours
// that parameter is not documented; this follows OpenID Connect RP-Initiated Logout (the request's state
// goes back too, the spec's rule, equally unconfirmed for Salesforce), and the playground's logout depends on neither.
// GET and POST both, as that spec requires of an OP (§2; a POST's parameters in its form): whether Salesforce takes a
// POST is unknown, and a client written to the spec may send one.
import { Router, type RequestHandler } from 'express';
import { callbackOrigins } from '../callbackUrls.ts';
import type { EmulatorContext } from '../context.ts';

export function logoutEndpoint(ctx: EmulatorContext): Router {
  const router = Router();
  const logout: RequestHandler = (req, res, next) => {
    const params: Record<string, unknown> = req.method === 'POST' ? (req.body ?? {}) : req.query;
    const back = typeof params.post_logout_redirect_uri === 'string' ? params.post_logout_redirect_uri : '';
    // Only a registered origin: anything else would make the org's logout an open redirect.
    const allowed =
      URL.canParse(back) && callbackOrigins(ctx.state.settings.callbackUrls).includes(new URL(back).origin);
    req.session.destroy((error: unknown) => {
      if (error) return next(error);
      res.set('Cache-Control', 'no-store');
      if (allowed) return res.redirect(withState(back, params.state));
      res.render('emulator/logged-out', { title: 'Logged out' });
    });
  };
  router.route('/services/auth/idp/oidc/logout').get(logout).post(logout);
  return router;
}

/** RP-Initiated Logout 1.0 §3: the state the request carried goes back with the browser, for the client to check. */
function withState(back: string, state: unknown): string {
  if (typeof state !== 'string' || state === '') return back;
  const url = new URL(back);
  url.searchParams.set('state', state);
  return url.href;
}
