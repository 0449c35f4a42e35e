// /services/oauth2/revoke: POST (or GET) token=...; success is an empty 200, errors are form-encoded, not JSON.
import { Router, type Response } from 'express';
import type { EmulatorContext } from '../context.ts';
import { mergedParams } from '../params.ts';

export function revokeEndpoint(ctx: EmulatorContext): Router {
  const router = Router();
  router.all('/services/oauth2/revoke', (req, res) => {
    if (req.method !== 'POST' && req.method !== 'GET') {
      return formError(res, 'unsupported_token_type', 'this token type is not supported');
    }
    const { token } = mergedParams(req);
    if (!token) return formError(res, 'unsupported_token_type', 'this token type is not supported');
    if (!ctx.state.tokens.revoke(token)) return formError(res, 'invalid_token', 'invalid token');
    res.set('Cache-Control', 'no-store').status(200).end();
  });
  return router;
}

/** Spaces as %20, as Salesforce sends them (jsforce parses this body with querystring). */
function formError(res: Response, error: string, description: string): void {
  res
    .status(400)
    .type('application/x-www-form-urlencoded')
    .set('Cache-Control', 'no-store')
    .send(`error=${encodeURIComponent(error)}&error_description=${encodeURIComponent(description)}`);
}
