// CSRF protection for the app's own POSTs without creating a session: a random per-browser cookie, and forms carry
// HMAC(secret, cookie + login when signed in). Looking at a page stores nothing on the server.
import { createHmac, createSecretKey } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { isFlowName } from './attempts/attempt.ts';
import { HttpError } from './errors.ts';
import { constantTimeEqual } from './flows/checks.ts';
import { randomToken } from './randomPool.ts';
import { carriedUnknownSession, sessionGoneCauses } from './retiredSessions.ts';

/** __Host-: only ever set by this origin over HTTPS, for every path, never shared with a parent domain. */
export const CSRF_COOKIE = '__Host-playground.csrf';
const COOKIE_ATTRIBUTES = '; Path=/; HttpOnly; Secure; SameSite=Lax';

export interface Csrf {
  /** Gives views a `csrfToken()` function that mints the browser's cookie only when a form asks for it. */
  expose: RequestHandler;
  require: RequestHandler;
}

/**
 * `inRedis`: sessions are kept in Redis (REDIS_URL), which a refused form's page names as what may have lost one.
 * `keyPerStart`: SESSION_SECRET is unset, so each start signs forms with a new key, and a page loaded before a
 * restart sends a form no longer valid even where it made no session (a flow page only looked at).
 */
export function csrfProtection(secret: string, inRedis = false, keyPerStart = false): Csrf {
  // A key of its own, derived from the secret and parsed once: SESSION_SECRET also signs the session cookies and
  // the access link, and no token of one use should ever be a token of another.
  const key = createSecretKey(createHmac('sha256', secret).update('playground csrf tokens').digest());
  // Bound to the login once signed in, so a form from before a sign-in (or from another login) no longer counts; a
  // refresh keeps the login, so the forms of the visitor's other tabs still send. (Logins from before logins had an
  // id are bound to their session id, as all were.)
  const tokenFor = (req: Request, browser: string) => {
    const login = req.session?.login;
    return createHmac('sha256', key)
      .update(`${browser}:${login ? (login.id ?? req.sessionID) : ''}`)
      .digest('base64url');
  };

  return {
    expose(req, res, next) {
      res.locals.csrfToken = () => tokenFor(req, browserKey(req, res));
      next();
    },
    require(req, _res, next) {
      const sent = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('x-csrf-token');
      // No page of the app sends its token twice, or as anything but text: such a form was put together by hand,
      // not loaded too early, so "Form expired" would mislead.
      if (Array.isArray(sent)) {
        return next(new HttpError(400, 'Malformed form', 'The form carried its _csrf field more than once.'));
      }
      if (sent !== undefined && typeof sent !== 'string') {
        return next(
          new HttpError(
            400,
            'Malformed form',
            'The form carried its _csrf field as something other than text.',
          ),
        );
      }
      const browser = cookieValue(req, CSRF_COOKIE);
      if (typeof sent === 'string' && browser && constantTimeEqual(sent, tokenFor(req, browser)))
        return next();
      if (carriedUnknownSession(req)) {
        return next(
          new HttpError(
            403,
            'Session ended',
            `Your session here had ended before this form was sent: ${sessionGoneCauses(inRedis)}. Nothing was done. Open the page afresh, and sign in again if you were signed in.`,
            { href: pageOf(req), label: 'Open the page afresh' },
          ),
        );
      }
      next(
        new HttpError(
          403,
          'Form expired',
          `This form was loaded before you signed in or out, here or in another tab, ${keyPerStart ? 'before the playground last restarted (with SESSION_SECRET unset, each start signs its forms anew), ' : ''}or it was sent twice and the first one signed you in. Each sign-in starts a new session (so nobody can fix your session id in advance), and forms from before it no longer count. Reloading would send the same form again: open the page afresh and repeat what you did.`,
          { href: pageOf(req), label: 'Open the page afresh' },
        ),
      );
    },
  };
}

/** The browser's mark, its CSRF cookie or the one this answer gives it, if any (an empty cookie is none). */
export function knownBrowserKey(req: Request): string | undefined {
  return (req.res?.locals.csrfBrowser as string | undefined) || cookieValue(req, CSRF_COOKIE) || undefined;
}

/**
 * The browser's mark, made now if it has none: a response that gives it also records it in res.locals, where
 * knownBrowserKey finds it before the browser sends it back.
 */
export function browserKey(req: Request, res: Response): string {
  const known = knownBrowserKey(req);
  if (known) return known;
  const fresh = randomToken(24);
  // What res.cookie() would write for these options; the value is base64url, which needs no encoding.
  res.append('Set-Cookie', `${CSRF_COOKIE}=${fresh}${COOKIE_ATTRIBUTES}`);
  res.locals.csrfBrowser = fresh;
  return fresh;
}

/** The page a refused form came from, worked out from where it posted (the app sends no Referer). */
function pageOf(req: Request): string {
  const [first, second] = req.path.split('/').filter(Boolean);
  const flow = (req.body as Record<string, unknown> | undefined)?.flow;
  if (first === 'flows' && isFlowName(second)) return `/flows/${second}`;
  if (first === 'teaching' && isFlowName(flow)) return `/flows/${flow}`;
  if (first === 'result' || first === 'setup' || first === 'explain') return `/${first}`;
  return '/';
}

/** One cookie's raw value from the Cookie header (the app's own values are base64url: nothing to decode). */
export function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
