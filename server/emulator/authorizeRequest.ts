// Validates an /authorize request into a pending authorization, or says how Salesforce would refuse it.
import { randomBytes } from 'node:crypto';
import type { EmulatorContext } from './context.ts';
import { OAuthError } from './errors.ts';
import type { Host } from './hosts.ts';
import type { Params } from './params.ts';
import { requestedScopes } from './scopes.ts';
import type { PendingAuthorization } from './pendingAuthorization.ts';
import { safeEqual } from './secrets.ts';
import { PageError, RedirectError, RemoteAccessError } from './authorizeErrors.ts';

// What a valid request becomes; held (apart from the session) in pendingLogins.ts.
export type { PendingAuthorization } from './pendingAuthorization.ts';

/**
 * The checks in Salesforce's order: the client, the callback, the org's block on the app, then the request itself.
 * Armed org faults (the playground's org-side "break it") apply here when this is the request they concern: one of
 * the login their state names.
 */
export function parseAuthorizeRequest(
  ctx: EmulatorContext,
  params: Params,
  host: Host,
  /** A parameter sent more than once (see repeatedParam): an error page when it is where to send errors. */
  repeated?: string,
): PendingAuthorization {
  const { faults, state } = ctx;
  if (repeated === 'client_id' || repeated === 'redirect_uri')
    throw new PageError(OAuthError.repeatedParameter(repeated));
  if (!params.client_id || !safeEqual(params.client_id, ctx.options.clientId)) {
    // PlatformCLI: the global connected app every real org has, which `sf org login web` uses by default.
    throw new PageError(OAuthError.invalidClientId(), {
      sfCliApp: params.client_id === 'PlatformCLI',
      sent: { client_id: params.client_id },
    });
  }
  const redirectUri = params.redirect_uri ?? '';
  if (
    faults.take('callback-mismatch', { state: params.state }) ||
    !state.settings.callbackUrls.includes(redirectUri)
  ) {
    throw new PageError(OAuthError.redirectUriMismatch(), {
      sent: { client_id: params.client_id, redirect_uri: params.redirect_uri },
    });
  }
  // Connected Apps OAuth Usage → Block. The code is observed; its description only in part ("this ... admin").
  if (faults.take('app-blocked', { state: params.state })) throw new RemoteAccessError(appBlocked());
  const types = (params.response_type ?? '').split(' ').filter(Boolean).sort();
  const isToken = types.includes('token');
  const refuse = (error: OAuthError): never => {
    throw new RedirectError(error, redirectUri, isToken, params.state);
  };
  if (repeated !== undefined) refuse(OAuthError.repeatedParameter(repeated));
  const known = ['code', 'id_token token', 'token'];
  if (!known.includes(types.join(' '))) refuse(OAuthError.unsupportedResponseType());
  const scopes = requestedScopes(params.scope, ctx.state.settings.scopes);
  // Seen on Salesforce's own RemoteAccessErrorPage, not sent back to the app as RFC 6749 would have it.
  if (!scopes) throw new RemoteAccessError(OAuthError.invalidScope());
  const withIdToken = types.includes('id_token');
  // The code and description are this emulator's choice (RFC 6749's code for a malformed request); Salesforce's
  // answer to `id_token` without `openid` is unconfirmed.
  if (withIdToken && !scopes.includes('openid'))
    refuse(OAuthError.invalidRequest('openid scope is required'));
  // Whether Salesforce requires a nonce with `token id_token` is unconfirmed; OpenID Connect Core (3.2.2.1) makes it
  // required whenever the id_token comes back in the fragment, the safe choice. The description is this emulator's.
  if (withIdToken && isToken && !params.nonce) refuse(OAuthError.invalidRequest('nonce is required'));
  // No method means S256 (jsforce and the sf CLI send none). Whether Salesforce takes `plain` is unconfirmed:
  // RFC 9700 (2.1.1) says it should not be used, so only S256 is.
  // The description here is this emulator's wording.
  const method = params.code_challenge_method ?? 'S256';
  if (params.code_challenge && method !== 'S256') {
    refuse(OAuthError.invalidRequest('invalid code challenge method'));
  }
  // "Allow OAuth User-Agent Flows" off (or the fault that plays it). Salesforce's answer is unconfirmed: this is RFC
  // 6749 §4.2.2.1's code for a client not allowed to use this response type, sent back in the fragment like the
  // flow's other errors.
  if (isToken && (faults.take('user-agent-blocked', { state: params.state }) || !state.org.allowUserAgent)) {
    refuse(new OAuthError('unauthorized_client', 'user-agent flow is not allowed for this org'));
  }
  const pkceRequired =
    (!isToken && faults.take('require-pkce', { state: params.state })) || state.settings.requirePkce;
  // The description is the one reported from orgs that require PKCE; the wire reference does not list it.
  if (!isToken && pkceRequired && !params.code_challenge) {
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
    prompt: (params.prompt ?? '').split(' ').filter(Boolean),
    immediate: params.immediate?.toLowerCase() === 'true',
    loginHint: params.login_hint,
    host: host.url,
    pageHost: host.pageUrl,
  };
}

/** As observed from a blocked app (n8n-io/n8n#21589, 2025), in the fragment or query like other errors. */
const appBlocked = () => new OAuthError('OAUTH_APP_BLOCKED', 'this app is blocked by admin');
