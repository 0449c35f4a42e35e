// Per-visitor sessions: a secure, httpOnly, named cookie over a bounded store (see sessionStore.ts). A visitor
// without the cookie has nothing to load: their session is made only when a handler first stores something.
import session from 'express-session';
import type { Request, RequestHandler, Response } from 'express';
import { cookieValue } from './csrf.ts';
import { randomToken } from './randomPool.ts';
import { SESSION_TTL_MS } from './sessionStore.ts';

export const SESSION_COOKIE = 'playground.sid';

export function sessionMiddleware(secret: string, store: session.Store): RequestHandler {
  const sessions = session({
    name: SESSION_COOKIE,
    secret,
    // A session is stored only once something is put in it: starting a flow, arming a fault, signing in.
    resave: false,
    saveUninitialized: false,
    rolling: true,
    store,
    // 24 random bytes, base64url, as express-session's own ids, drawn from the block (see randomPool.ts).
    genid: () => randomToken(24),
    cookie: { httpOnly: true, secure: true, sameSite: 'lax', maxAge: SESSION_TTL_MS },
  });
  return (req, res, next) => {
    if (cookieValue(req, SESSION_COOKIE) !== undefined) {
      sessions(req, res, next);
      return;
    }
    deferSession(req, res, sessions);
    next();
  };
}

/** What a fresh session has besides the visitor's data: its id, its cookie, and its methods (save, regenerate…). */
const SESSION_OWN = new Set<PropertyKey>([
  'id',
  'cookie',
  'req',
  ...Object.getOwnPropertyNames(session.Session.prototype),
]);

/**
 * Gives `req.session` a stand-in for the empty session a cookieless visitor would get. Reading data from it finds
 * nothing, as from a new session; the first write (or a call such as regenerate) makes the real session there and
 * then, exactly as express-session would have at the start (it needs no store look-up without a cookie), and from
 * then on the stand-in is the real session. Most page views store nothing, and so cost no session at all: no id,
 * no hashing, no cookie.
 */
function deferSession(req: Request, res: Response, sessions: RequestHandler): void {
  let real: session.Session | undefined;
  const materialize = (): session.Session => {
    if (real) return real;
    // Without a session cookie express-session generates the session synchronously, before calling back.
    req.session = undefined as unknown as session.Session;
    sessions(req, res, () => undefined);
    real = req.session;
    return real;
  };
  req.session = new Proxy({} as session.Session, {
    get: (_target, key) => {
      if (!real && !SESSION_OWN.has(key)) return undefined;
      const target = materialize();
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set: (_target, key, value) => Reflect.set(materialize(), key, value),
    deleteProperty: (_target, key) => (real ? Reflect.deleteProperty(real, key) : true),
    has: (_target, key) => (real ? Reflect.has(real, key) : false),
    ownKeys: () => (real ? Reflect.ownKeys(real) : []),
    getOwnPropertyDescriptor: (_target, key) =>
      real ? Reflect.getOwnPropertyDescriptor(real, key) : undefined,
  });
}
