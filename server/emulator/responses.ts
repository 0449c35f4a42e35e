// Builds token responses in Salesforce's exact shapes: no expires_in, issued_at in ms, signature from the secret,
// instance_url on My Domain and id on the login host.
import type { EmulatorContext } from './context.ts';
import { signIdToken } from './idToken.ts';
import { newAccessToken } from './jwtAccessToken.ts';
import { identityUrl, type OrgUser } from './org.ts';
import { responseSignature } from './secrets.ts';

export interface IssueOptions {
  /** The refresh token this response hands out, if any (a new grant's, or a rotated one). */
  refreshToken?: string;
  /** The grant the new access token belongs to. */
  familyKey?: string;
  nonce?: string;
  /** The host the request was made to: the id_token's `iss`. */
  issuer: string;
}

export type TokenResponse = Record<string, string>;

/** A refresh token only when the granted scopes ask for one (refresh_token or offline_access). */
export function allowsRefreshToken(scopes: string[]): boolean {
  return scopes.includes('refresh_token') || scopes.includes('offline_access');
}

/** A new grant (a login) with its first refresh token, when the scopes allow one. */
export function newGrant(
  ctx: EmulatorContext,
  user: OrgUser,
  scopes: string[],
): { refreshToken?: string; familyKey?: string } {
  if (!allowsRefreshToken(scopes)) return {};
  const { token, familyKey } = ctx.state.tokens.startFamily(user.id, scopes);
  return { refreshToken: token, familyKey };
}

/** Web server, user-agent, device and refresh responses share this shape. */
export function issueTokens(
  ctx: EmulatorContext,
  user: OrgUser,
  scopes: string[],
  options: IssueOptions,
): TokenResponse {
  const { token: accessToken, jwt } = newAccessToken(ctx, user, scopes, options.familyKey);
  const { id, issuedAt, signature } = signed(ctx, user);
  const response: TokenResponse = { access_token: accessToken };
  if (options.refreshToken) response.refresh_token = options.refreshToken;
  response.signature = signature;
  response.scope = scopes.join(' ');
  if (scopes.includes('openid')) {
    response.id_token = signIdToken(ctx, user, accessToken, { nonce: options.nonce, issuer: options.issuer });
  }
  Object.assign(response, { instance_url: ctx.myDomainUrl, id, token_type: 'Bearer', issued_at: issuedAt });
  return withApiInstanceUrl(withTokenFormat(response, jwt), scopes);
}

/**
 * A JWT-based access token's response says so with "token_format":"jwt" (the Mobile SDK reads it: wire reference,
 * flows §9.1), whatever the flow; where in the response it comes is not documented, so last.
 */
function withTokenFormat(response: TokenResponse, jwt: boolean): TokenResponse {
  if (jwt) response.token_format = 'jwt';
  return response;
}

/**
 * `api_instance_url` (the Models and Agent APIs' host) comes "when sfap_api scope is being used": the Mobile SDK reads
 * it at login and on refresh alike (wire reference, flows 3.2 and 9.2). Here on every answer of the common shape and
 * client credentials'; the JWT and password grants keep their documented fixed key sets.
 */
function withApiInstanceUrl(response: TokenResponse, scopes: string[]): TokenResponse {
  if (scopes.includes('sfap_api')) response.api_instance_url = 'https://api.salesforce.com';
  return response;
}

/** The JWT bearer response has exactly five keys (and token_format for a JWT): no refresh token, signature or issued_at. */
export function issueJwtBearerTokens(ctx: EmulatorContext, user: OrgUser, scopes: string[]): TokenResponse {
  const { token, jwt } = newAccessToken(ctx, user, scopes);
  const response = {
    access_token: token,
    scope: scopes.join(' '),
    instance_url: ctx.myDomainUrl,
    id: identityUrl(ctx.baseUrl, user.id),
    token_type: 'Bearer',
  };
  return withTokenFormat(response, jwt);
}

/** Scopes a client credentials token never carries: they need a user present or a refresh token. */
const NOT_FOR_CLIENT_CREDENTIALS = ['full', 'web', 'offline_access', 'refresh_token'];

/**
 * Client credentials: the app's scopes less the user-bound ones; never a refresh token or id_token;
 * api_instance_url only when sfap_api is granted. The Run As user is a named user of the org, and Salesforce's Agent
 * API guide pairs this flow with JWT-based tokens (wire reference, flows §9.2): a JWT when the app issues them.
 */
export function issueClientCredentialsTokens(ctx: EmulatorContext, runAs: OrgUser): TokenResponse {
  const scopes = ctx.state.settings.scopes.filter((scope) => !NOT_FOR_CLIENT_CREDENTIALS.includes(scope));
  const { token: accessToken, jwt } = newAccessToken(ctx, runAs, scopes);
  const { id, issuedAt, signature } = signed(ctx, runAs);
  const response: TokenResponse = {
    access_token: accessToken,
    signature,
    scope: scopes.join(' '),
    instance_url: ctx.myDomainUrl,
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
  };
  return withApiInstanceUrl(withTokenFormat(response, jwt), scopes);
}

/** Username-password: exactly six keys (and token_format for a JWT), no refresh token, scope or id_token. */
export function issuePasswordTokens(ctx: EmulatorContext, user: OrgUser): TokenResponse {
  // The app's scopes, less those that only come with a refresh token (the flow never gives one).
  const scopes = ctx.state.settings.scopes.filter((scope) => !allowsRefreshToken([scope]));
  const { token, jwt } = newAccessToken(ctx, user, scopes);
  const { id, issuedAt, signature } = signed(ctx, user);
  const response = {
    access_token: token,
    instance_url: ctx.myDomainUrl,
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
    signature,
  };
  return withTokenFormat(response, jwt);
}

/** id (the identity URL, on the login host), issued_at in ms, and signature = HMAC(secret, id + issued_at). */
function signed(ctx: EmulatorContext, user: OrgUser): { id: string; issuedAt: string; signature: string } {
  const id = identityUrl(ctx.baseUrl, user.id);
  const issuedAt = String(ctx.now());
  return { id, issuedAt, signature: responseSignature(ctx.options.clientSecret, id, issuedAt) };
}
