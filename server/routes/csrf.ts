// CSRF protection for the app's own POSTs: a per-session token in a hidden field or the X-CSRF-Token header.
import { randomBytes } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { constantTimeEqual } from '../flows/checks.ts';
import { HttpError } from '../errors.ts';

declare module 'express-session' {
  interface SessionData {
    csrf?: string;
  }
}

export function csrfToken(req: Request): string {
  req.session.csrf ??= randomBytes(24).toString('base64url');
  return req.session.csrf;
}

/** Makes the token available to every view as `csrfToken` (the session is only saved once it is used). */
export const exposeCsrf: RequestHandler = (req, res, next) => {
  Object.defineProperty(res.locals, 'csrfToken', { get: () => csrfToken(req), enumerable: true });
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
