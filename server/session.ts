// Per-visitor sessions: a secure, httpOnly, named cookie over a bounded store (see sessionStore.ts).
import session from 'express-session';
import type { RequestHandler } from 'express';
import { SESSION_TTL_MS } from './sessionStore.ts';

export const SESSION_COOKIE = 'playground.sid';

export function sessionMiddleware(secret: string, store: session.Store): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    secret,
    // A session is stored only once something is put in it: starting a flow, arming a fault, signing in.
    resave: false,
    saveUninitialized: false,
    rolling: true,
    store,
    cookie: { httpOnly: true, secure: true, sameSite: 'lax', maxAge: SESSION_TTL_MS },
  });
}
