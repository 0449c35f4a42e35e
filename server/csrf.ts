// CSRF protection for the app's own POSTs: a per-session token in a hidden field or the X-CSRF-Token header.
import { randomBytes } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { constantTimeEqual } from './flows/checks.ts';
import { HttpError } from './errors.ts';

declare module 'express-session' {
  interface SessionData {
    csrf?: string;
  }
}

export function csrfToken(req: Request): string {
  req.session.csrf ??= randomBytes(24).toString('base64url');
  return req.session.csrf;
}

/**
 * Gives views a `csrfToken()` function: a session (and its cookie) is created only by pages that have a form,
 * not by every visit.
 */
export const exposeCsrf: RequestHandler = (req, res, next) => {
  res.locals.csrfToken = () => csrfToken(req);
  next();
};

export const requireCsrf: RequestHandler = (req, _res, next) => {
  const sent = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('x-csrf-token');
  const expected = req.session.csrf;
  if (typeof sent === 'string' && expected && constantTimeEqual(sent, expected)) return next();
  next(
    new HttpError(
      403,
      'Form expired',
      'This form is no longer valid for your session. Reload the page and try again.',
    ),
  );
};
