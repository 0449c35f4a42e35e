// Builds token responses in Salesforce's exact shapes: no expires_in, issued_at in ms, signature from the secret.
import type { EmulatorContext } from './context.ts';
import { signIdToken } from './idToken.ts';
import { identityUrl, type OrgUser } from './org.ts';
import { responseSignature } from './secrets.ts';

export interface IssueOptions {
  /** Issue a refresh token when the granted scopes allow one. */
  withRefreshToken: boolean;
  nonce?: string;
  /** When refreshing: the refresh token the new access token belongs to. */
  refreshKey?: string;
}

export type TokenResponse = Record<string, string>;

/** Web server, user-agent and refresh responses share this shape. */
export function issueTokens(
  ctx: EmulatorContext,
  user: OrgUser,
  scopes: string[],
  options: IssueOptions,
): TokenResponse {
  const wantsRefresh =
    options.withRefreshToken && (scopes.includes('refresh_token') || scopes.includes('offline_access'));
  const refreshToken = wantsRefresh ? ctx.state.issueRefreshToken(user.id, scopes) : undefined;
  const refreshKey =
    options.refreshKey ?? (refreshToken ? ctx.state.findRefreshToken(refreshToken)?.key : undefined);
  const accessToken = ctx.state.issueAccessToken(user.id, scopes, ctx.tokenLifetimeMs, refreshKey);
  const id = identityUrl(ctx.baseUrl, user.id);
  const issuedAt = String(ctx.now());
  const response: TokenResponse = { access_token: accessToken };
  if (refreshToken) response.refresh_token = refreshToken;
  response.signature = responseSignature(ctx.options.clientSecret, id, issuedAt);
  response.scope = scopes.join(' ');
  if (scopes.includes('openid')) response.id_token = signIdToken(ctx, user, accessToken, options.nonce);
  Object.assign(response, { instance_url: ctx.baseUrl, id, token_type: 'Bearer', issued_at: issuedAt });
  return response;
}

/** The JWT bearer response has exactly five keys: no refresh token, signature or issued_at. */
export function issueJwtBearerTokens(ctx: EmulatorContext, user: OrgUser, scopes: string[]): TokenResponse {
  return {
    access_token: ctx.state.issueAccessToken(user.id, scopes, ctx.tokenLifetimeMs),
    scope: scopes.join(' '),
    instance_url: ctx.baseUrl,
    id: identityUrl(ctx.baseUrl, user.id),
    token_type: 'Bearer',
  };
}
