// Redis can refuse a session write (down, full, read-only). express-session writes as the answer goes out, and then
// sends it anyway: a redirect to Salesforce's login would leave without the state and PKCE verifier it needs to come
// back. Where an answer depends on the write, it is made first, so that a refusal is the 503 naming REDIS_URL.
import type { Request } from 'express';
import type { Config } from '../config.ts';
import { HttpError } from '../errors.ts';

/** Saves the session now in Redis mode; the in-memory store cannot fail, and is not written twice. */
export async function saveSessionFirst(req: Request, config: Pick<Config, 'redisUrl'>): Promise<void> {
  if (!config.redisUrl) return;
  await new Promise<void>((resolve, reject) =>
    req.session.save((error: unknown) => (error ? reject(error) : resolve())),
  );
}

/**
 * A sign-in that worked at the org but could not be kept here: its tokens were revoked (see finishAttempt), and the
 * flow must start again once Redis takes writes. The callback's code is spent, so "works again" would be untrue.
 */
export function signInNotKept(cause: unknown, refreshRevoked: boolean): HttpError {
  const reason = cause instanceof HttpError ? /\(([^)]*)\)/.exec(cause.detail)?.[1] : undefined;
  const tokens = refreshRevoked
    ? 'Its refresh token was revoked at the org, so that none is left unused.'
    : 'Its access token, out of reach now, ends at the org on its own (the session timeout).';
  return new HttpError(
    503,
    'Sign-in not kept',
    `The org signed you in, but the Redis server at REDIS_URL, which keeps the sessions, could not store the login` +
      `${reason ? ` (${reason})` : ''}. ${tokens} Check that Redis runs and has room for writes (or remove REDIS_URL ` +
      'to keep sessions in memory), then start the flow again.',
    { href: '/', label: 'Back to the flows' },
  );
}
