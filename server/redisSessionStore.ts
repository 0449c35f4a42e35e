// Sessions in Redis (connect-redis): connected before the app serves, reconnecting for as long as it takes after a
// drop, every call bounded by a deadline, so a Redis that is down or silent costs a request a 503, never the app.
import type session from 'express-session';
import { isAuthRefusal, storeUnavailable, withStoreErrors } from './sessionStoreErrors.ts';

export async function connectRedisStore(
  redisUrl: string,
  ttlMs: number,
  deadlineMs: number,
): Promise<{ store: session.Store; close(): Promise<void> }> {
  // Loaded only when used: the Redis client alone adds a third of a second to every start.
  const [{ createClient }, { RedisStore }] = await Promise.all([import('redis'), import('connect-redis')]);
  let connected = false;
  let down = false;
  const client = createClient({
    url: redisUrl,
    // Give up on the first connection quickly (start-up says why); after it, retry for as long as it takes, every
    // 2 s at most: a Redis back after a minute serves the next request.
    socket: {
      reconnectStrategy: (retries, cause) =>
        connected ? Math.min(250 * (retries + 1), 2_000) : retries > 2 ? cause : 250,
    },
    // While it reconnects a command fails at once (a 503), never queued to run minutes later: a logout answered
    // 503 must not be carried out when Redis returns.
    disableOfflineQueue: true,
  });
  // An 'error' event without a listener would end the process. Before the first connection start-up reports
  // the failure once, naming REDIS_URL; after it, a drop is logged once, and so is the return.
  // While it reconnects, each attempt's failure: a request refused meanwhile says why, not only "offline" (a Redis
  // back with a password it did not have refuses every attempt with NOAUTH). A refusal of the credentials is logged
  // once too: retrying mends it only if Redis stops asking.
  let dropCause: string | undefined;
  let toldAuth = false;
  client.on('error', (error: Error) => {
    if (!connected) return;
    dropCause = error.message;
    if (isAuthRefusal(error.message) && !toldAuth) {
      toldAuth = true;
      console.error(`[app] ${storeUnavailable(error).detail}`);
    }
    if (down) return;
    down = true;
    console.error(`[app] Redis session store unreachable (${error.message}): retrying until it answers.`);
  });
  client.on('ready', () => {
    if (down) console.log('[app] Redis session store answers again.');
    down = false;
    toldAuth = false;
    dropCause = undefined;
  });
  let timer: NodeJS.Timeout | undefined;
  const silent = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      client.destroy();
      reject(new Error(`no answer within ${deadlineMs / 1000} s: is a Redis server listening there?`));
    }, deadlineMs);
  });
  const connecting = client.connect();
  // Once the deadline has passed, the abandoned attempt's failure has nobody left to tell.
  connecting.catch(() => undefined);
  await Promise.race([connecting, silent]).finally(() => clearTimeout(timer));
  connected = true;
  return {
    store: withStoreErrors(
      // A function, not a number: connect-redis takes a number only for sessions without a cookie expiry, and
      // ours have one (a day past the session's end, see session.ts), which would keep a session 24 hours unused.
      new RedisStore({ client, prefix: 'playground:session:', ttl: () => Math.floor(ttlMs / 1000) }),
      deadlineMs,
      () => (down ? dropCause : undefined),
    ),
    // A Redis that stopped answering would hold shutdown for ever: after the deadline the connection is dropped.
    close: async () => {
      const closed = client.close().then(
        () => true,
        () => true,
      );
      const late = new Promise<false>((resolve) => setTimeout(() => resolve(false), deadlineMs).unref());
      if (!(await Promise.race([closed, late]))) client.destroy();
    },
  };
}
