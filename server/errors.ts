// The app's own HTTP error and the one error middleware: HTML for browsers, JSON for API callers, no stack traces.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { CALLBACK_PATH } from './configSettings.ts';
import { logStoreRefusal } from './refusalLog.ts';

export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    /** A page of this app that gets the visitor going again, when the error knows one. */
    readonly back?: { href: string; label: string },
  ) {
    super(`${status} ${title}: ${detail}`);
  }
}

/**
 * The session store refusing a request's session: every page needs it while the browser holds a session cookie, so
 * the error page offers the same page again, not the home page (refused as well until the store answers).
 */
export class StoreUnavailable extends HttpError {}

/** What notFound reads of the router's layers (Express 5): a route's path test and its methods. */
interface RouteLayer {
  route?: { methods: Record<string, boolean> };
  match(path: string): boolean;
}

/**
 * Nothing answered. A path the app serves with other methods (GET /logout, typed into the address bar) is a 405
 * naming them, with Allow; any other is a 404.
 */
/** A near miss of the callback (/oauthcallback, /oauth_callback.htm) names the real one: the URL to register. */
function nothingAt(path: string): string {
  const nearCallback = /^\/oauth[-_]?callback(?:\.html?)?\/?$/i.test(path) && path !== CALLBACK_PATH;
  return `Nothing lives at ${path}.${nearCallback ? ` This app's callback is ${CALLBACK_PATH}, the path to register on the app and to set in SF_CALLBACK_URL.` : ''}`;
}

export const notFound: RequestHandler = (req, res, next) => {
  const layers = (req.app.router as unknown as { stack: RouteLayer[] }).stack;
  const methods = new Set<string>();
  for (const layer of layers) {
    if (layer.route && layer.match(req.path)) {
      for (const method of Object.keys(layer.route.methods)) methods.add(method.toUpperCase());
    }
  }
  if (methods.has('GET')) methods.add('HEAD');
  if (methods.size === 0) return next(new HttpError(404, 'Page not found', nothingAt(req.path)));
  const allowed = [...methods].sort().join(', ');
  res.set('Allow', allowed);
  const how = methods.has('GET') ? '' : ' It is what a button of the app sends, not a page to open.';
  next(new HttpError(405, 'Method not allowed', `${req.path} takes ${allowed}, not ${req.method}.${how}`));
};

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  // The answer is already on its way (a session save that failed as the page was sent): one line in the log, and
  // the response cut off, never Express's default handler and its stack trace.
  if (res.headersSent) {
    console.error(`[app] ${req.method} ${req.path} failed after answering: ${describe(err)}`);
    // Destroyed, not ended: a client must not take a cut-off body for a whole one.
    if (!res.writableEnded) res.destroy();
    return;
  }
  const known = toHttpError(err);
  const failed = `[app] ${req.method} ${req.path} failed: ${describe(err)}`;
  if (known instanceof StoreUnavailable) logStoreRefusal(req.app, failed);
  else if (known.status >= 500) console.error(failed);
  // 503 is the session store refusing (sessionStoreErrors.ts): this page is not written to it again as it goes out,
  // whose second refusal would go on to Express's default handler and its stack trace.
  if (known.status === 503) delete (req as { session?: unknown }).session;
  res.status(known.status);
  res.set('Cache-Control', 'no-store');
  res.format({
    html: () =>
      res.render(known.status === 404 ? 'not-found' : 'error', {
        error: known,
        // Every page needs the store while this browser holds a session: the same page again, once it answers. A
        // form is sent again from the page it was on (going back), never by a link.
        retry: known instanceof StoreUnavailable ? (req.method === 'POST' ? 'resend' : 'reload') : undefined,
        // At the callback, a user-agent login's token is in the #fragment, which only the callback page's script
        // clears: this page does it (kept for this tab alone, so a reload once the error is gone still finishes).
        scripts: req.path === CALLBACK_PATH ? ['/js/callback-hold.js'] : undefined,
      }),
    json: () => res.json({ error: known.title, detail: known.detail, status: known.status }),
    default: () => res.type('text').send(`${known.title}: ${known.detail}`),
  });
};

function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  const status = (err as { status?: unknown })?.status;
  // Body-parser and similar middleware mark client mistakes with a 4xx status.
  if (status === 413) {
    return new HttpError(
      413,
      'Request too large',
      'The body is larger, or has more fields, than any form of this app sends.',
    );
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HttpError(status, ...clientMistake(err));
  }
  return new HttpError(
    500,
    'Something went wrong',
    'The server hit an unexpected problem; details are in its log.',
  );
}

/** Which part of the request could not be read, as body-parser and the router mark it. */
function clientMistake(err: unknown): [title: string, detail: string] {
  const { type, message } = err as { type?: unknown; message?: unknown };
  if (type === 'charset.unsupported') {
    return [
      'Unsupported charset',
      'This app reads forms and JSON in UTF-8: send charset=utf-8, or no charset at all.',
    ];
  }
  if (type === 'encoding.unsupported') {
    return [
      'Unsupported content encoding',
      'This app reads bodies uncompressed, or compressed with gzip, deflate or br.',
    ];
  }
  if (err instanceof URIError || (typeof message === 'string' && /decode param/i.test(message))) {
    return ['Bad request', 'The address holds a %-escape that is not valid UTF-8: check how it was encoded.'];
  }
  return [
    'Bad request',
    'The request body could not be read: check that it is the form or JSON it claims to be.',
  ];
}

/** One line for the log: the error's name and message only, never a stack or request data. */
function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
