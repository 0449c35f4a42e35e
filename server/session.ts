// Per-visitor sessions: a bounded in-memory store and a secure, httpOnly, named cookie.
import { randomBytes } from 'node:crypto';
import session from 'express-session';
import createMemoryStore from 'memorystore';
import type { RequestHandler } from 'express';

const MemoryStore = createMemoryStore(session);
const TWO_HOURS_MS = 2 * 3600 * 1000;

export const SESSION_COOKIE = 'playground.sid';

export function sessionMiddleware(secret: string | undefined): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    // Without SESSION_SECRET every start signs cookies with a new key, which logs everyone out: fine locally.
    secret: secret ?? randomBytes(32).toString('hex'),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    store: new MemoryStore({ max: 5000, checkPeriod: 10 * 60 * 1000, ttl: TWO_HOURS_MS }),
    cookie: { httpOnly: true, secure: true, sameSite: 'lax', maxAge: TWO_HOURS_MS },
  });
}
