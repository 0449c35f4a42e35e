// What the Redis session store's failures say. At start-up, why it cannot be used, naming the fix; mid-request
// (down, silent, full), a 503 that names REDIS_URL and says the page works again once Redis answers, instead of
// "Something went wrong" and a stack in the log.
import type session from 'express-session';
import { HttpError, StoreUnavailable } from './errors.ts';

/** The store methods express-session calls with a callback as their last argument. */
const STORE_METHODS_WITH_CALLBACK = ['get', 'set', 'destroy', 'touch'] as const;

/** Redis asks for credentials REDIS_URL does not give, or refuses those it gives. */
export const isAuthRefusal = (reason: string) => /NOAUTH|WRONGPASS|invalid password/i.test(reason);

/** `whyDown`: what the client's last reconnection attempt met, when the call failed only because it is offline. */
export function storeUnavailable(cause: unknown, whyDown?: string): HttpError {
  const said = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0];
  const reason = whyDown && /offline|closed/i.test(said) ? whyDown.split('\n')[0] : said;
  if (isAuthRefusal(reason)) {
    return new StoreUnavailable(
      503,
      'Session store unavailable',
      `The Redis server at REDIS_URL, which keeps the sessions, asks for a password REDIS_URL does not give, or ` +
        `refuses the one it gives (${reason}). Put its user and password in REDIS_URL ` +
        '(redis://user:password@host:6379, the password percent-encoded) and restart the playground.',
    );
  }
  return new StoreUnavailable(
    503,
    'Session store unavailable',
    `The Redis server at REDIS_URL, which keeps the sessions, could not be used (${reason}). Check that it runs ` +
      'and has room for writes (or remove REDIS_URL to keep sessions in memory): this page works again once it does.',
  );
}

/**
 * The same store, its callback errors turned into storeUnavailable, and a call Redis does not answer within the
 * deadline (a server that holds the connection and says nothing) failed the same way instead of holding the request.
 */
export function withStoreErrors(
  store: session.Store,
  deadlineMs: number,
  whyDown: () => string | undefined = () => undefined,
): session.Store {
  const methods = store as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of STORE_METHODS_WITH_CALLBACK) {
    const original = methods[name]?.bind(store);
    if (!original) continue;
    methods[name] = (...args: unknown[]) => {
      const callback = args[args.length - 1];
      if (typeof callback !== 'function') return original(...args);
      let settled = false;
      // Made first, so `finish` can always clear it; its callback runs later, when `finish` exists.
      const timer = setTimeout(
        () => finish(new Error(`no answer within ${deadlineMs / 1000} s`)),
        deadlineMs,
      );
      timer.unref();
      const finish = (error: unknown, ...rest: unknown[]) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        // A session that does not parse is this app's fault, not Redis's: it stays a 500.
        callback(
          error && !(error instanceof SyntaxError) ? storeUnavailable(error, whyDown()) : error,
          ...rest,
        );
      };
      args[args.length - 1] = finish;
      try {
        return original(...args);
      } catch (error) {
        finish(error);
        return undefined;
      }
    };
  }
  return store;
}

/** Why the first connection failed, in one line naming the fix (`url`: REDIS_URL as messages may show it). */
export function redisFailure(url: string, error: unknown): string {
  // The first line only: a TLS failure carries OpenSSL's whole report.
  const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  if (/NOAUTH/.test(reason)) {
    return `${url} asks for a password, which it does not give (${reason}): put it in REDIS_URL (redis://:password@host:6379, the password percent-encoded).`;
  }
  if (isAuthRefusal(reason) || /\bAUTH\b/.test(reason)) {
    return `${url} refused the credentials (${reason}): fix the user name and password in it.`;
  }
  if (/SSL|TLS|EPROTO|wrong version number/i.test(reason)) {
    return `${url} could not start TLS (${reason}): use redis:// for a server without TLS, rediss:// for one with it.`;
  }
  if (/DB index is out of range/i.test(reason)) {
    return `${url} names a database this Redis does not have (${reason}): use one from /0 to the server's "databases" setting less one.`;
  }
  // A TLS client talking to a server without TLS waits for a handshake that never comes.
  const plainServer =
    /^REDIS_URL rediss:/.test(url) && /no answer within/.test(reason)
      ? ' If it has no TLS, use redis://.'
      : '';
  return `${url} cannot be reached (${reason}): start Redis there, or remove REDIS_URL to keep sessions in memory.${plainServer}`;
}
