// Validates an /authorize request into a pending authorization, or says how Salesforce would refuse it.
import { randomBytes } from 'node:crypto';
import type { EmulatorContext } from './context.ts';
import { OAuthError } from './errors.ts';
import type { Params } from './params.ts';
import { safeEqual } from './secrets.ts';

export interface PendingAuthorization {
  id: string;
  responseType: 'code' | 'token';
  withIdToken: boolean;
  redirectUri: string;
  scopes: string[];
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  prompt: string[];
  loginHint?: string;
}

/** Errors that must not redirect (unknown client, unknown redirect URI): shown on a page instead. */
export class PageError extends Error {
  constructor(readonly oauthError: OAuthError) {
    super(oauthError.message);
  }
}

/** Errors that go back to the app, in the query (code) or the fragment (token). */
export class RedirectError extends Error {
  constructor(
    readonly oauthError: OAuthError,
    readonly redirectUri: string,
    readonly inFragment: boolean,
    readonly state?: string,
  ) {
    super(oauthError.message);
  }
}

export function parseAuthorizeRequest(ctx: EmulatorContext, params: Params): PendingAuthorization {
  if (!params.client_id || !safeEqual(params.client_id, ctx.options.clientId)) {
    throw new PageError(OAuthError.invalidClientId());
  }
  const redirectUri = params.redirect_uri ?? '';
  if (!ctx.state.settings.callbackUrls.includes(redirectUri))
    throw new PageError(OAuthError.redirectUriMismatch());
  const types = (params.response_type ?? '').split(' ').filter(Boolean).sort();
  const isToken = types.includes('token');
  const refuse = (error: OAuthError): never => {
    throw new RedirectError(error, redirectUri, isToken, params.state);
  };
  const known = ['code', 'id_token token', 'token'];
  if (!known.includes(types.join(' '))) refuse(OAuthError.unsupportedResponseType());
  const scopes =
    requestedScopes(params.scope, ctx.state.settings.scopes) ?? refuse(OAuthError.invalidScope());
  const withIdToken = types.includes('id_token');
  if (withIdToken && !scopes.includes('openid'))
    refuse(OAuthError.invalidRequest('openid scope is required'));
  const method = params.code_challenge ? (params.code_challenge_method ?? 'S256') : undefined;
  if (method && method !== 'S256' && method !== 'plain') {
    refuse(OAuthError.invalidRequest('invalid code challenge method'));
  }
  if (!isToken && ctx.state.settings.requirePkce && !params.code_challenge) {
    refuse(OAuthError.invalidRequest('missing required code challenge'));
  }
  return {
    id: randomBytes(16).toString('hex'),
    responseType: isToken ? 'token' : 'code',
    withIdToken,
    redirectUri,
    scopes,
    state: params.state,
    nonce: params.nonce,
    codeChallenge: params.code_challenge,
    codeChallengeMethod: method,
    prompt: (params.prompt ?? '').split(' ').filter(Boolean),
    loginHint: params.login_hint,
  };
}

/** No scope asked means every scope of the app; asking for one the app lacks is an error. */
function requestedScopes(raw: string | undefined, allowed: string[]): string[] | undefined {
  const asked = (raw ?? '').split(/[\s+]+/).filter(Boolean);
  if (asked.length === 0) return [...allowed];
  return asked.every((scope) => allowed.includes(scope)) ? [...new Set(asked)] : undefined;
}

/** Where the browser goes with an error: query for the code flow, fragment for the token flow. */
export function errorRedirectUrl(error: RedirectError): string {
  const params = new URLSearchParams({
    error: error.oauthError.error,
    error_description: error.oauthError.error_description,
  });
  if (error.state !== undefined) params.set('state', error.state);
  return appendResponse(error.redirectUri, params, error.inFragment);
}

export function appendResponse(redirectUri: string, params: URLSearchParams, inFragment: boolean): string {
  if (inFragment) return `${redirectUri}#${params.toString()}`;
  return `${redirectUri}${redirectUri.includes('?') ? '&' : '?'}${params.toString()}`;
}
