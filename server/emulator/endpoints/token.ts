// POST /services/oauth2/token: merges query and form parameters (urlencoded or multipart) and dispatches on
// grant_type through a Map; response_type=device_code starts Salesforce's device flow at the same endpoint.
// `format` (json, urlencoded, xml) or else the Accept header picks the answer's form, as Salesforce documents; JSON by
// default. Refusals follow it too: the reference shows them only as JSON, from requests that asked for no format
// (its help page introduces its example as "an error response in JSON format", as if others existed), and whether
// a refusal honours `format` is unconfirmed (the emulator keeps one form per request).
import { Router, type Request, type RequestHandler } from 'express';
import multer from 'multer';
import type { EmulatorContext } from '../context.ts';
import { OAuthError, sendOAuthError } from '../errors.ts';
import { authorizationCodeGrant } from '../grants/authorizationCode.ts';
import { clientCredentialsGrant } from '../grants/clientCredentials.ts';
import { deviceGrant, startDeviceAuthorization } from '../grants/device.ts';
import { jwtBearerGrant } from '../grants/jwtBearer.ts';
import { passwordGrant } from '../grants/password.ts';
import { refreshTokenGrant } from '../grants/refreshToken.ts';
import { tokenExchangeGrants } from '../grants/tokenExchange.ts';
import type { Grant } from '../grants/types.ts';
import { requestHost } from '../hosts.ts';
import { mergedParams, repeatedParam } from '../params.ts';
import { chooseFormat, sendFormatted, type Format } from './formats.ts';

const grants = new Map<string, Grant>(
  [
    authorizationCodeGrant,
    jwtBearerGrant,
    refreshTokenGrant,
    clientCredentialsGrant,
    passwordGrant,
    deviceGrant,
    ...tokenExchangeGrants,
  ].map((grant) => [grant.grantType, grant]),
);

/**
 * multipart/form-data text fields, as the Salesforce CLI posts its device flow (FormData); files are refused.
 * Bounds match the urlencoded parser's: a token request is a few short fields.
 */
const multipartFields = multer({
  limits: { fields: 100, fieldSize: 64 * 1024, files: 0, parts: 100, headerPairs: 100 },
}).none();

export const parseMultipart: RequestHandler = (req, res, next) => {
  multipartFields(req, res, (error: unknown) =>
    next(error ? OAuthError.invalidRequest('malformed request') : undefined),
  );
};

export function tokenEndpoint(ctx: EmulatorContext): Router {
  const router = Router();
  router.post('/services/oauth2/token', (req, res, next) => {
    try {
      const params = mergedParams(req);
      const repeated = repeatedParam(req);
      if (repeated !== undefined) throw OAuthError.repeatedParameter(repeated);
      const host = requestHost(ctx, req);
      const body = ctx.state.batch(() => {
        if (!params.grant_type && params.response_type === 'device_code') {
          return startDeviceAuthorization(ctx, params, host);
        }
        const grant = grants.get(params.grant_type ?? '');
        // The SAML grants are not emulated: they need an identity provider of the org's own, and get the answer of
        // any grant_type the emulator does not know (token exchange answers as an org without a handler). So do the
        // Mobile SDK's hybrid_auth_code and hybrid_refresh, whose answers carry the session ids a WebView's cookies
        // need: a plain refresh's answer in their place would let such a client pass here and fail on an org.
        if (!grant) throw OAuthError.unsupportedGrantType();
        // Login IP ranges (or a session locked to its IP) refuse the grant, whatever else it carries. A code's
        // exchange belongs to the login that gave the code: faults bound to that login meet it.
        const loginState =
          params.grant_type === 'authorization_code' ? ctx.codes.loginStateOf(params.code ?? '') : undefined;
        if (ctx.faults.take('ip-restricted', { state: loginState, grantType: params.grant_type }))
          throw OAuthError.invalidGrant('ip restricted');
        return grant.handler(ctx, params, { authorization: req.headers.authorization, host });
      });
      res.set('Cache-Control', 'no-store').set('Pragma', 'no-cache');
      sendFormatted(res, answerFormat(req), body, XML_ROOT);
    } catch (error) {
      // Expected refusals are answered here; anything else goes to the error handler, which logs it.
      if (!(error instanceof OAuthError)) return next(error);
      const format = answerFormat(req);
      if (format === 'json') return sendOAuthError(res, error);
      const refusal = { error: error.error, error_description: error.error_description };
      sendFormatted(res.status(error.status).set('Cache-Control', 'no-store'), format, refusal, XML_ROOT);
    }
  });
  // Any other method: the description is the one reported from Salesforce, not one the wire reference lists.
  router.all('/services/oauth2/token', (_req, res) => {
    sendOAuthError(res, OAuthError.invalidRequest('must use HTTP POST'));
  });
  return router;
}

/** The root element of an XML answer: unconfirmed (Salesforce documents the option, not the document). */
const XML_ROOT = 'OAuth';

function answerFormat(req: Request): Format {
  return chooseFormat(req, mergedParams(req).format, true);
}
