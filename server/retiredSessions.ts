// A session id, once destroyed (by a logout, or by the new id a sign-in gives), is never written again. A slower
// request that loaded the session before that (a token tool in another tab, a second click) would otherwise save it
// back under its old id when it ends, and the browser, given that id again with its answer, would be signed in again.
import type { Request } from 'express';
import type session from 'express-session';
import { LRUCache } from 'lru-cache';
import { SESSION_TTL_MS } from './sessionStore.ts';

/** Ids remembered at most: far more logins than a session lifetime sees here; the oldest are forgotten first. */
const MAX_RETIRED = 50_000;

/** The same store, except that set and touch do nothing for an id it has destroyed. */
export function refusingRetiredIds(store: session.Store): session.Store {
  const ids = () => new LRUCache<string, true>({ max: MAX_RETIRED, ttl: SESSION_TTL_MS });
  const retired = ids();
  // Made at the first logout: the cache sets its room aside at once, and the emulator's sessions never log out.
  let loggedOut: LRUCache<string, true> | undefined;
  const overrides: Partial<session.Store> = {
    set(sid, data, callback) {
      if (retired.has(sid)) return callback?.();
      store.set(sid, data, callback);
    },
    touch(sid, data, callback) {
      if (retired.has(sid)) return callback?.();
      store.touch?.(sid, data, callback ?? (() => undefined));
    },
    destroy(sid, callback) {
      retired.set(sid, true);
      store.destroy(sid, callback);
    },
    isRetired: (sid: string) => retired.has(sid),
    markLoggedOut: (sid: string) => void (loggedOut ??= ids()).set(sid, true),
    isLoggedOut: (sid: string) => loggedOut?.has(sid) ?? false,
  } as Partial<session.Store> & Retiring;
  // Everything else (get, regenerate, the events express-session listens to) is the store's own; regenerate's
  // `this.destroy` comes back through here.
  return new Proxy(store, {
    get: (target, key, receiver) =>
      Object.hasOwn(overrides, key)
        ? overrides[key as keyof typeof overrides]
        : Reflect.get(target, key, receiver),
  });
}

/**
 * Whether the session this request loaded has ended meanwhile (a logout, or a sign-in in another tab): what the
 * request learnt must not start a session of its own, or it would undo that.
 */
export function sessionEnded(req: Request): boolean {
  return retiring(req)?.isRetired?.(req.sessionID) ?? false;
}

/** Whether a sign-in or refresh gave this id's session a new id: the browser gets that id with its answer. */
export function sessionReplaced(req: Request, sid: string): boolean {
  const store = retiring(req);
  return Boolean(sid) && (store?.isRetired?.(sid) ?? false) && !(store?.isLoggedOut?.(sid) ?? false);
}

/** Whether this process ended that id's session (a logout, a sign-in or refresh), rather than never knew it. */
export function sessionRetired(req: Request, sid: string): boolean {
  return Boolean(sid) && (retiring(req)?.isRetired?.(sid) ?? false);
}

/**
 * Requests whose cookie named a session this process never ended and does not have: it restarted (sessions live in
 * its memory unless REDIS_URL is set), the session went 2 hours unused, or SESSION_SECRET changed. A refused form
 * says so, rather than blaming a sign-in or logout that never happened.
 */
const unknownSessions = new WeakSet<Request>();

/** Why a session is no longer known, as the pages that meet one say it: where it was kept decides what can lose it. */
export function sessionGoneCauses(inRedis: boolean): string {
  const lost = inRedis
    ? 'the Redis server at REDIS_URL no longer has it (restarted without saving its data, flushed, or out of room and evicting)'
    : 'the playground restarted (it keeps sessions in its memory unless REDIS_URL is set)';
  return `${lost}, the session went ${SESSION_TTL_MS / 3_600_000} hours without a visit, or SESSION_SECRET changed`;
}

export function markUnknownSession(req: Request): void {
  unknownSessions.add(req);
}

export function carriedUnknownSession(req: Request): boolean {
  return unknownSessions.has(req);
}

/** Whether a logout ended it: unlike another tab's sign-in, that no later sign-in of the old session may undo. */
export function sessionLoggedOut(req: Request): boolean {
  return retiring(req)?.isLoggedOut?.(req.sessionID) ?? false;
}

/** Said by a logout before it ends the session. */
export function markLoggedOut(req: Request): void {
  retiring(req)?.markLoggedOut?.(req.sessionID);
}

interface Retiring {
  isRetired(sid: string): boolean;
  markLoggedOut(sid: string): void;
  isLoggedOut(sid: string): boolean;
}

const retiring = (req: Request) => req.sessionStore as Partial<Retiring> | undefined;
