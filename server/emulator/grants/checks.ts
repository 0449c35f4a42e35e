// Small named checks shared by the grants: each returns normally or throws the exact Salesforce error.
import { clientCredentials, secretMatches, type ClientCredentials } from '../clientAuth.ts';
import { appAccess, type EmulatorContext } from '../context.ts';
import { OAuthError } from '../errors.ts';
import type { FaultRequest } from '../orgControl.ts';
import type { OrgUser } from '../org.ts';
import { pkceChallenge, safeEqual } from '../secrets.ts';
import type { CodeGrant } from '../codes.ts';
import type { Params } from '../params.ts';
import { assertedClientId } from './clientAssertion.ts';
import type { GrantRequest } from './types.ts';

export function checkClientId(ctx: EmulatorContext, clientId: string | undefined): void {
  if (!clientId || !safeEqual(clientId, ctx.options.clientId)) throw OAuthError.invalidClientId();
}

/**
 * A secret that is sent must be right ("if set to false and an app sends the client secret, Salesforce still
 * validates it"); it must be sent at all when the flow's setting requires it. Salesforce's wording for a missing
 * secret is unconfirmed; the wrong-secret answer is the likeliest.
 */
export function checkClientSecret(
  ctx: EmulatorContext,
  client: Pick<ClientCredentials, 'secret' | 'secretAsSent'>,
  required: boolean,
): void {
  if (client.secret === '') {
    if (required) throw OAuthError.invalidClient();
    return;
  }
  if (!secretMatches(client, ctx.options.clientSecret)) throw OAuthError.invalidClient();
}

/**
 * Client id and secret from HTTP Basic or the form, both required (client credentials, username-password), or a
 * client assertion in their place. Basic is documented for client credentials only; for username-password it is
 * RFC 6749's (2.3.1) and unconfirmed at Salesforce.
 */
export function checkClientAuthentication(ctx: EmulatorContext, request: GrantRequest, params: Params): void {
  if (assertedClientId(ctx, params, request)) return;
  const client = clientCredentials(request.authorization, params);
  checkClientId(ctx, client.id);
  checkClientSecret(ctx, client, true);
}

export function checkRedirectUri(grant: CodeGrant, redirectUri: string | undefined): void {
  // The exact description at the token endpoint is unconfirmed; this mirrors the authorize page's wording.
  if (redirectUri !== grant.redirectUri)
    throw OAuthError.invalidGrant('redirect_uri must match configuration');
}

export function checkPkce(grant: CodeGrant, verifier: string | undefined): void {
  if (!grant.codeChallenge) {
    // Observed text; the error code for this case is unconfirmed (invalid_grant is the likeliest).
    if (verifier) throw OAuthError.invalidGrant('unexpected code verifier');
    return;
  }
  if (!verifier) throw OAuthError.invalidGrant('invalid code verifier');
  // No 43-128 length rule: jsforce's 171-character verifiers work against real orgs. Non-ASCII is refused (RFC
  // 7636 §4.1's verifier is ASCII; Salesforce's answer is unconfirmed): hashed as ASCII, each character would count
  // only by its low byte, and "š" (U+0161) would pass for the "a" (0x61) of the real verifier.
  if (!/^\p{ASCII}*$/u.test(verifier) || !safeEqual(pkceChallenge(verifier), grant.codeChallenge))
    throw OAuthError.invalidGrant('invalid code verifier');
}

/**
 * A deactivated (or unknown) user: "authentication failure" (salesforce-wire.md §6.1, observed). A refresh of one is
 * also reported as "inactive user" (salesforce-wire-flows.md §3.5, one observation); the two references disagree
 * and the explainer knows both, so every grant answers the one the base reference gives.
 */
export function checkActive(user: OrgUser | undefined): OrgUser {
  if (!user || !user.active) throw OAuthError.invalidGrant('authentication failure');
  return user;
}

export function checkAdminApproval(ctx: EmulatorContext, user: OrgUser, request: FaultRequest): void {
  if (!appAccess(ctx, user, 'take', request).permitted) throw OAuthError.invalidAppAccess();
}
