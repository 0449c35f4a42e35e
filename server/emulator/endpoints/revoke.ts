// /services/oauth2/revoke: POST (or GET) token=...; success is an empty 200, errors are form-encoded, not JSON.
// GET with callback= is the documented JSONP variant: callback({}) on success, callback({"error":...}) otherwise.
import { Router } from 'express';
import type { EmulatorContext } from '../context.ts';
import { OAuthError, sendFormError } from '../errors.ts';
import { mergedParams, repeatedParam } from '../params.ts';
import { jsonpCallback, sendJsonp } from './formats.ts';

interface Refusal {
  error: string;
  description: string;
}

/**
 * The answer wire.md cites (forrest#213) came to a request with no `token` parameter at all: that client sent the
 * token response as token[access_token]=… and other keys. So a missing or empty token gets it here.
 */
const UNSUPPORTED: Refusal = {
  error: 'unsupported_token_type',
  description: 'this token type is not supported',
};
/** The code is RFC 7009's and observed in JSONP answers; the description is unconfirmed. */
const INVALID: Refusal = { error: 'invalid_token', description: 'invalid token' };

/** Why the token is not revoked, or nothing when it is now (a repeated parameter: see repeatedParam). */
function refusalOf(ctx: EmulatorContext, token: string | undefined, repeated: string | undefined) {
  if (repeated !== undefined) {
    const { error, error_description } = OAuthError.repeatedParameter(repeated);
    return { error, description: error_description };
  }
  if (!token) return UNSUPPORTED;
  return ctx.state.tokens.revoke(token) ? undefined : INVALID;
}

export function revokeEndpoint(ctx: EmulatorContext): Router {
  const router = Router();
  router.all('/services/oauth2/revoke', (req, res) => {
    // Salesforce documents GET and POST; for any other method its answer is unknown, and RFC 9110's is a 405 naming
    // the two (the method is the mistake, not the token).
    if (req.method !== 'POST' && req.method !== 'GET') return res.status(405).set('Allow', 'GET, POST').end();
    const { token, callback: named } = mergedParams(req);
    const refusal = refusalOf(ctx, token, repeatedParam(req));
    res.set('Cache-Control', 'no-store');
    // Any other callback gets the plain answer: nothing a caller sends is ever echoed as code.
    const callback = req.method === 'GET' ? jsonpCallback(named) : undefined;
    if (callback) {
      // A script tag runs only a 200 answer, so the error travels inside it (Salesforce's status: unconfirmed).
      return sendJsonp(res, callback, refusal ? { error: refusal.error } : {});
    }
    if (refusal) return sendFormError(res, 400, refusal.error, refusal.description);
    res.status(200).end();
  });
  return router;
}
