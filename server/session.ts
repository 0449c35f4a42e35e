// Per-visitor sessions: a secure, httpOnly, named cookie over a bounded store (see sessionStore.ts). A visitor
// without the cookie has nothing to load: their session is made only when a handler first stores something.
import session from 'express-session';
import onHeaders from 'on-headers';
import type { Request, RequestHandler, Response } from 'express';
import { cookieValue } from './csrf.ts';
import { randomToken } from './randomPool.ts';
import { markCarriedReplacedId } from './replacedSessions.ts';
import {
  markUnknownSession,
  refusingRetiredIds,
  sessionEnded,
  sessionReplaced,
  sessionRetired,
} from './retiredSessions.ts';
import { SESSION_TTL_MS } from './sessionStore.ts';

/** __Host-: only ever set by this origin over HTTPS, for every path, never shared with a parent domain. */
export const SESSION_COOKIE = '__Host-playground.sid';
/**
 * The cookie outlives its session (2 hours unused) by most of a day: a visitor back after a long break still sends
 * the ended session's id, and is told their session ended and why, instead of finding no token without a word.
 */
const COOKIE_AFTERLIFE_MS = 22 * 3600 * 1000;

export function sessionMiddleware(secret: string, store: session.Store): RequestHandler {
  const sessions = session({
    name: SESSION_COOKIE,
    secret,
    // A session is stored only once something is put in it: starting a flow, arming a fault, signing in.
    resave: false,
    saveUninitialized: false,
    rolling: true,
    store: refusingRetiredIds(store),
    // 24 random bytes, base64url, as express-session's own ids, drawn from the block (see randomPool.ts).
    genid: () => randomToken(24),
    cookie: { httpOnly: true, secure: true, sameSite: 'lax', maxAge: SESSION_TTL_MS + COOKIE_AFTERLIFE_MS },
  });
  return (req, res, next) => {
    const cookie = cookieValue(req, SESSION_COOKIE);
    if (cookie !== undefined) {
      sessions(req, res, (error?: unknown) => {
        if (!error) {
          forgetIfEnded(req, res);
          // A cookie naming a live session loaded it: only a new id can mean the named one was replaced.
          const named = idInCookie(cookie);
          if (req.sessionID !== named && sessionReplaced(req, named)) markCarriedReplacedId(req, named);
          else if (req.sessionID !== named && !sessionRetired(req, named)) markUnknownSession(req);
        }
        next(error);
      });
      return;
    }
    deferSession(req, res, sessions);
    next();
  };
}

/**
 * The id a session cookie names (`s:<id>.<signature>`), unverified: it only tells whether that id was replaced,
 * so a forged cookie earns its sender nothing but one redirect of their own request.
 */
function idInCookie(cookie: string): string {
  let value: string;
  try {
    value = decodeURIComponent(cookie);
  } catch {
    return '';
  }
  const dot = value.lastIndexOf('.');
  return value.startsWith('s:') && dot > 2 ? value.slice(2, dot) : '';
}

/**
 * A session that a logout, or a sign-in in another tab, ended while this request ran is dropped before the answer
 * goes out: no write, and no cookie (the rolling cookie would give the browser the ended id back, signing it out of
 * the session that replaced it). Registered after express-session's own hook, so it runs before it.
 */
function forgetIfEnded(req: Request, res: Response): void {
  onHeaders(res, () => {
    if (sessionEnded(req)) req.session = null as unknown as session.Session;
  });
}

/** What a fresh session has besides the visitor's data: its id, its cookie, and its methods (save, regenerate…). */
const SESSION_OWN = new Set<PropertyKey>([
  'id',
  'cookie',
  'req',
  ...Object.getOwnPropertyNames(session.Session.prototype),
]);

/** One visitor's session-to-be: what the stand-in needs to make the real one on first write. */
interface Pending {
  req: Request;
  res: Response;
  sessions: RequestHandler;
  real?: session.Session;
}

/** Without a session cookie express-session generates the session synchronously, before calling back. */
function materialize(pending: Pending): session.Session {
  if (pending.real) return pending.real;
  const { req, res, sessions } = pending;
  req.session = undefined as unknown as session.Session;
  sessions(req, res, () => undefined);
  pending.real = req.session;
  return pending.real;
}

/** Shared by every stand-in (one object per request would be garbage on every page view). */
const standInHandler: ProxyHandler<Pending> = {
  get: (pending, key) => {
    if (!pending.real && !SESSION_OWN.has(key)) return undefined;
    const target = materialize(pending);
    const value: unknown = Reflect.get(target, key);
    return typeof value === 'function' ? value.bind(target) : value;
  },
  set: (pending, key, value) => Reflect.set(materialize(pending), key, value),
  deleteProperty: (pending, key) => (pending.real ? Reflect.deleteProperty(pending.real, key) : true),
  has: (pending, key) => (pending.real ? Reflect.has(pending.real, key) : false),
  ownKeys: (pending) => (pending.real ? Reflect.ownKeys(pending.real) : []),
  getOwnPropertyDescriptor: (pending, key) =>
    pending.real ? Reflect.getOwnPropertyDescriptor(pending.real, key) : undefined,
};

/**
 * Gives `req.session` a stand-in for the empty session a cookieless visitor would get. Reading data from it finds
 * nothing, as from a new session; the first write (or a call such as regenerate) makes the real session there and
 * then, exactly as express-session would have at the start (it needs no store look-up without a cookie), and from
 * then on the stand-in is the real session. Most page views store nothing, and so cost no session at all: no id,
 * no hashing, no cookie.
 */
function deferSession(req: Request, res: Response, sessions: RequestHandler): void {
  req.session = new Proxy<Pending>({ req, res, sessions }, standInHandler) as unknown as session.Session;
}
