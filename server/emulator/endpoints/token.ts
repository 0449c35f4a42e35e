// POST /services/oauth2/token: merges query and form parameters and dispatches on grant_type through a Map.
// `format=urlencoded` answers (success and refusals) as a form-encoded body instead of JSON, as Salesforce offers.
import { Router, type Request } from 'express';
import type { EmulatorContext } from '../context.ts';
import { OAuthError, sendOAuthError } from '../errors.ts';
import { authorizationCodeGrant } from '../grants/authorizationCode.ts';
import { jwtBearerGrant } from '../grants/jwtBearer.ts';
import { refreshTokenGrant } from '../grants/refreshToken.ts';
import type { Grant } from '../grants/types.ts';
import { mergedParams } from '../params.ts';
import { toUrlencoded } from './formats.ts';

const grants = new Map<string, Grant>(
  [authorizationCodeGrant, jwtBearerGrant, refreshTokenGrant].map((grant) => [grant.grantType, grant]),
);

export function tokenEndpoint(ctx: EmulatorContext): Router {
  const router = Router();
  router.post('/services/oauth2/token', (req, res, next) => {
    try {
      const params = mergedParams(req);
      const grant = grants.get(params.grant_type ?? '');
      if (!grant) throw OAuthError.unsupportedGrantType();
      const body = grant.handler(ctx, params, { authorization: req.headers.authorization });
      res.set('Cache-Control', 'no-store').set('Pragma', 'no-cache');
      if (wantsUrlencoded(req)) res.type('application/x-www-form-urlencoded').send(toUrlencoded(body));
      else res.json(body);
    } catch (error) {
      // Expected refusals are answered here; anything else goes to the error handler, which logs it.
      if (!(error instanceof OAuthError)) next(error);
      else if (!wantsUrlencoded(req)) sendOAuthError(res, error);
      else {
        const refusal = { error: error.error, error_description: error.error_description };
        res.status(error.status).set('Cache-Control', 'no-store').type('application/x-www-form-urlencoded');
        res.send(toUrlencoded(refusal));
      }
    }
  });
  router.all('/services/oauth2/token', (_req, res) => {
    sendOAuthError(res, OAuthError.invalidRequest('must use HTTP POST'));
  });
  return router;
}

function wantsUrlencoded(req: Request): boolean {
  return mergedParams(req).format?.toLowerCase() === 'urlencoded';
}
