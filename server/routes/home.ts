// The home page: what the playground is and the flows it runs.
import { randomUUID } from 'node:crypto';
import type { NextFunction, RequestHandler, Response } from 'express';
import type { Services } from './services.ts';
import { browserLoginUrl } from '../configPublic.ts';

/**
 * The page differs between visitors only in its CSRF token (and, in org mode, in whether the access link was
 * used): with the view cache on (`npm start`) it is rendered once per such variant around a placeholder, and each
 * view fills in its visitor's own token. `npm run dev` renders every view afresh.
 */
export function homePages({ config }: Services): { page: RequestHandler } {
  const pageLocals = {
    title: 'Salesforce OAuth 2.0 playground',
    loginUrl: config.loginUrl,
    emulatorHomeUrl: `${browserLoginUrl(config)}/`,
    emulatorSetupUrl: `${browserLoginUrl(config)}/setup`,
  };
  // A random word cannot occur in the page by chance, and HTML escaping leaves it as it is.
  const placeholder = `csrf${randomUUID().replaceAll('-', '')}`;
  // As bytes: each view then costs no encoding of the page, only of the token.
  const rendered = new Map<string, Buffer[]>();

  const renderAround = (res: Response, next: NextFunction, done: (parts: Buffer[]) => void) => {
    const locals = { ...res.locals, ...pageLocals, csrfToken: () => placeholder };
    res.app.render('home', locals, (error: unknown, html?: string) => {
      if (error || html === undefined) next(error);
      else done(html.split(placeholder).map((part) => Buffer.from(part)));
    });
  };

  return {
    page(req, res, next) {
      // The paste form holds this browser's CSRF token (and the answer may set its cookie): never a cached copy.
      res.set('Cache-Control', 'no-store');
      if (!req.app.enabled('view cache')) return res.render('home', pageLocals);
      const variant = String(res.locals.hasAccess);
      // Only a page with a form mints the visitor's token (and its cookie), as a fresh render would.
      const send = (parts: Buffer[]) => {
        const token = parts.length > 1 ? Buffer.from((res.locals.csrfToken as () => string)()) : undefined;
        const page = token
          ? Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [part] : [token, part])))
          : parts[0];
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.send(page);
      };
      const parts = rendered.get(variant);
      if (parts) return send(parts);
      renderAround(res, next, (fresh) => {
        rendered.set(variant, fresh);
        send(fresh);
      });
    },
  };
}
