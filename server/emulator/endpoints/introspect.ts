// POST /services/oauth2/introspect: is this token active? Needs the client's own credentials (body or Basic).
import { Router, type Request } from 'express';
import { findUserById, type EmulatorContext } from '../context.ts';
import { OAuthError, sendOAuthError } from '../errors.ts';
import { identityUrl } from '../org.ts';
import { mergedParams } from '../params.ts';
import { safeEqual } from '../secrets.ts';

export function introspectEndpoint(ctx: EmulatorContext): Router {
  const router = Router();
  router.post('/services/oauth2/introspect', (req, res) => {
    const params = mergedParams(req);
    const client = clientCredentials(req, params);
    if (!safeEqual(client.id, ctx.options.clientId) || !safeEqual(client.secret, ctx.options.clientSecret)) {
      return sendOAuthError(res, OAuthError.invalidClient());
    }
    res.set('Cache-Control', 'no-store').json(describeToken(ctx, params.token ?? ''));
  });
  return router;
}

function describeToken(ctx: EmulatorContext, token: string): Record<string, unknown> {
  const access = ctx.state.findAccessToken(token);
  const refresh = access ? undefined : ctx.state.findRefreshToken(token);
  const record = access ?? refresh;
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
    nbf: iat,
  };
  if (access) result.exp = Math.floor(access.expiresAt / 1000);
  return result;
}

function clientCredentials(req: Request, params: Record<string, string>): { id: string; secret: string } {
  const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  }
  return { id: params.client_id ?? '', secret: params.client_secret ?? '' };
}
