// In org mode the playground acts on a real org, so it serves only its owner: the access link printed at start
// sets a cookie, and without it pages that act or reveal explain how to get in (as local notebook servers do).
import { createHmac, randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';
import { cookieValue } from './csrf.ts';
import { callbackIsElsewhere, callbackIsThisApp } from './configSettings.ts';
import { constantTimeEqual } from './flows/checks.ts';

export const ACCESS_COOKIE = '__Host-playground.access';
/** Open to anyone: what the playground is, and how to set up an org. */
const OPEN_PATHS = new Set(['/', '/setup', '/setup/jwt.crt', '/explain']);

/**
 * Derived from SESSION_SECRET when there is one, so the link survives restarts and works on every instance;
 * otherwise new at each start.
 */
export function accessToken(sessionSecret: string | undefined): string {
  if (!sessionSecret) return randomBytes(24).toString('base64url');
  return createHmac('sha256', sessionSecret).update('playground access link').digest('base64url');
}

/**
 * Where the owner opens the playground. Cookies belong to one host name, and a login's session must come back with
 * its callback: so on the callback's host when it names this app on 127.0.0.1, or a tunnel (another host) to it;
 * behind a proxy on another port of this machine, the app's own port under the callback's host name.
 */
export function accessOrigin(appUrl: string, callbackUrl: string): string {
  const app = new URL(appUrl);
  const appPort = Number(app.port || 443);
  const viaCallback = callbackIsThisApp(callbackUrl, appPort) || callbackIsElsewhere(callbackUrl);
  if (viaCallback) return new URL(callbackUrl).origin;
  app.hostname = new URL(callbackUrl).hostname;
  return app.origin;
}

/**
 * A callback on this machine's name at another port names a proxy or an SSH forward to this app. On this machine
 * either address works (cookies ignore ports), but a browser on another machine (ssh -L 9443:localhost:8081 from
 * a laptop) reaches only the forward: start-up prints its address too. Undefined for any other callback.
 */
export function forwardOrigin(appUrl: string, callbackUrl: string): string | undefined {
  const origin = new URL(callbackUrl).origin;
  return callbackIsElsewhere(callbackUrl) || origin === accessOrigin(appUrl, callbackUrl)
    ? undefined
    : origin;
}

/** The link printed at start. */
export function accessLink(appUrl: string, callbackUrl: string, token: string): string {
  return `${accessOrigin(appUrl, callbackUrl)}/?access=${token}`;
}

/**
 * `origin`: where the access link opens the app, shown on the page that asks for it; `fixedLink`: whether the link
 * stays the same across restarts (SESSION_SECRET is set), which changes why an old one fails.
 */
export function requireAccess(token: string, origin: string, fixedLink = false): RequestHandler {
  return (req, res, next) => {
    const offered = req.query.access;
    if (typeof offered === 'string' && constantTimeEqual(offered, token)) {
      res.cookie(ACCESS_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'lax', path: '/' });
      // Take the token out of the address bar and history at once.
      const url = new URL(req.originalUrl, 'https://localhost');
      url.searchParams.delete('access');
      // Dot segments can leave a path starting with two slashes (/.//host/x is //host/x): a browser would read
      // that as another host. One leading slash keeps the redirect on this origin.
      const pathname = `/${url.pathname.replace(/^[/\\]+/, '')}`;
      return res.redirect(303, `${pathname}${url.search}`);
    }
    const cookie = cookieValue(req, ACCESS_COOKIE);
    res.locals.hasAccess = Boolean(cookie && constantTimeEqual(cookie, token));
    // An old link (a restart without SESSION_SECRET made a new one) is named as such, even on the open pages.
    const staleLink = typeof offered === 'string' && !res.locals.hasAccess;
    if (!staleLink && (res.locals.hasAccess || (req.method === 'GET' && OPEN_PATHS.has(req.path))))
      return next();
    res.status(403).set('Cache-Control', 'no-store').render('access-needed', {
      title: 'Access link needed',
      origin,
      staleLink,
      fixedLink,
    });
  };
}
