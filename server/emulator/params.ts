// Merges query string and form body (Salesforce accepts both), keeps strings only, and logs what was received.
import type { Request, RequestHandler } from 'express';
import type { ReceivedRequest } from './context.ts';

const MAX_RECEIVED = 200;
const MAX_VALUE_LENGTH = 16 * 1024;

export type Params = Record<string, string>;

/** Body wins over query; repeated or nested values are dropped rather than guessed at. */
export function mergedParams(req: Request): Params {
  return paramsOf([req.query, req.body]);
}

/**
 * The query string alone: a GET (the authorize page) has no body to read. Before, a body sent with it was read too
 * and could override the query, and make every pending login as large as the body limit.
 */
export function queryParams(req: Request): Params {
  return paramsOf([req.query]);
}

/** The parameters the OAuth endpoints read: any other is ignored, once or repeated, as RFC 6749 §3.1 asks. */
const READ = new Set([
  ...[
    'response_type',
    'grant_type',
    'client_id',
    'client_secret',
    'client_assertion',
    'client_assertion_type',
  ],
  ...['redirect_uri', 'scope', 'state', 'nonce', 'prompt', 'login_hint', 'immediate', 'code_challenge'],
  ...['code_challenge_method', 'code', 'code_verifier', 'assertion', 'refresh_token', 'username', 'password'],
  ...['token', 'format', 'callback'],
]);

/**
 * The first parameter that the endpoints read and that came more than once, in the query or in the form
 * (`withBody`). RFC 6749 §3.1 allows none to; what Salesforce does with one is unconfirmed, so the OAuth endpoints
 * refuse it (invalid_request) rather than drop it: a dropped `scope` would have granted every scope the app has.
 */
export function repeatedParam(req: Request, withBody = true): string | undefined {
  for (const source of withBody ? [req.query, req.body] : [req.query]) {
    if (!source || typeof source !== 'object') continue;
    const repeated = Object.entries(source as Record<string, unknown>).find(
      ([name, value]) => Array.isArray(value) && READ.has(name),
    );
    if (repeated) return repeated[0];
  }
  return undefined;
}

function paramsOf(sources: unknown[]): Params {
  const params: Params = {};
  for (const source of sources) {
    if (!source || typeof source !== 'object') continue;
    for (const [name, value] of Object.entries(source as Record<string, unknown>)) {
      if (typeof value === 'string' && value.length <= MAX_VALUE_LENGTH) params[name] = value;
    }
  }
  return params;
}

/** Records each request to the OAuth endpoints so tests (and the curious) can see exactly what arrived. */
export function recordReceived(received: ReceivedRequest[], now: () => number): RequestHandler {
  return (req, _res, next) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers[name] = value;
    }
    received.push({ method: req.method, path: req.path, params: mergedParams(req), headers, at: now() });
    if (received.length > MAX_RECEIVED) received.splice(0, received.length - MAX_RECEIVED);
    next();
  };
}
