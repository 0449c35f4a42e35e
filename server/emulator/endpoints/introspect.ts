// POST /services/oauth2/introspect: is this token active? Needs the client's own credentials (body or Basic), or
// a client assertion.
import { Router } from 'express';
import { clientCredentials, secretMatches } from '../clientAuth.ts';
import { findUserById, type EmulatorContext } from '../context.ts';
import { OAuthError, sendOAuthError } from '../errors.ts';
import { NOT_BEFORE_LEEWAY_S } from '../jwtAccessToken.ts';
import { identityUrl } from '../org.ts';
import { mergedParams, repeatedParam } from '../params.ts';
import { isWithinPolicy } from '../refreshPolicy.ts';
import { assertedClientId } from '../grants/clientAssertion.ts';
import { requestHost } from '../hosts.ts';
import { safeEqual } from '../secrets.ts';

export function introspectEndpoint(ctx: EmulatorContext): Router {
  const router = Router();
  router.post('/services/oauth2/introspect', (req, res) => {
    const params = mergedParams(req);
    const repeated = repeatedParam(req);
    if (repeated !== undefined) {
      return sendOAuthError(res, OAuthError.repeatedParameter(repeated));
    }
    // A client assertion authenticates the client here as at the token endpoint (discovery lists private_key_jwt
    // for both; RFC 7662 2.1 takes the token endpoint's client authentication): unconfirmed at Salesforce, whose
    // introspection guide shows the secret only. A bad one throws invalid_client, which the emulator's error
    // handler answers in JSON here, as every refusal of this endpoint.
    const request = { authorization: req.headers.authorization, host: requestHost(ctx, req) };
    const asserted = assertedClientId(ctx, params, request);
    const client = clientCredentials(req.headers.authorization, params);
    // Salesforce's answer to an unknown client here is unconfirmed: RFC 7662 (2.1) asks for the failed client
    // authentication answer, invalid_client, even where the token endpoint says invalid_client_id.
    const known =
      safeEqual(client.id, ctx.options.clientId) && secretMatches(client, ctx.options.clientSecret);
    if (!asserted && !known) return sendOAuthError(res, OAuthError.invalidClient());
    // RFC 7662 (2.1) makes `token` required, and a request without it is malformed (RFC 6749 5.2), not a question
    // about an inactive token. Salesforce's answer is unconfirmed; the description is this emulator's.
    if (!params.token) return sendOAuthError(res, OAuthError.invalidRequest('token is required'));
    res.set('Cache-Control', 'no-store').json(describeToken(ctx, params.token));
  });
  return router;
}

function describeToken(ctx: EmulatorContext, token: string): Record<string, unknown> {
  const access = ctx.state.tokens.findAccessToken(token);
  const refresh = access ? undefined : ctx.state.tokens.findRefreshToken(token);
  // A refresh token that rotation replaced, or that the app's policy expired, is no longer active.
  const usable =
    refresh?.replacedAt === undefined &&
    refresh !== undefined &&
    isWithinPolicy(ctx.state.settings.refreshTokenPolicy, refresh, ctx.now());
  const record = access ?? (usable ? refresh : undefined);
  const user = record ? findUserById(ctx, record.userId) : undefined;
  if (!record || !user?.active) return { active: false };
  const iat = Math.floor(record.issuedAt / 1000);
  const result: Record<string, unknown> = {
    active: true,
    scope: record.scopes.join(' '),
    client_id: ctx.options.clientId,
    username: user.username,
    sub: identityUrl(ctx.baseUrl, user.id),
    token_type: access ? 'access_token' : 'refresh_token',
    iat,
    // RFC 7662 2.2: the token's own nbf. A JWT carries one 15 s before its iat (jwtAccessToken.ts), which its
    // introspection must not contradict; an opaque token has none of its own, and is usable from its issue.
    nbf: access?.format === 'jwt' ? iat - NOT_BEFORE_LEEWAY_S : iat,
  };
  if (access) result.exp = Math.floor(access.expiresAt / 1000);
  return result;
}
