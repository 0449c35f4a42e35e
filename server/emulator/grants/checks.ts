// Small named checks shared by the grants: each returns normally or throws the exact Salesforce error.
import { appAccess, type EmulatorContext } from '../context.ts';
import { OAuthError } from '../errors.ts';
import type { OrgUser } from '../org.ts';
import { pkceChallenge, safeEqual } from '../secrets.ts';
import type { CodeGrant } from '../codes.ts';

export function checkClientId(ctx: EmulatorContext, clientId: string | undefined): void {
  if (!clientId || !safeEqual(clientId, ctx.options.clientId)) throw OAuthError.invalidClientId();
}

/** A secret that is sent must be right; it must be sent at all when the app requires it. */
export function checkClientSecret(ctx: EmulatorContext, secret: string | undefined): void {
  if (secret === undefined || secret === '') {
    if (ctx.state.settings.requireSecret) throw OAuthError.invalidClient();
    return;
  }
  if (!safeEqual(secret, ctx.options.clientSecret)) throw OAuthError.invalidClient();
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
  // No 43-128 length rule: jsforce's 171-character verifiers work against real orgs.
  const computed = grant.codeChallengeMethod === 'plain' ? verifier : pkceChallenge(verifier);
  if (!safeEqual(computed, grant.codeChallenge)) throw OAuthError.invalidGrant('invalid code verifier');
}

export function checkActive(user: OrgUser | undefined): OrgUser {
  if (!user || !user.active) throw OAuthError.invalidGrant('authentication failure');
  return user;
}

export function checkAdminApproval(ctx: EmulatorContext, user: OrgUser): void {
  if (!appAccess(ctx, user).permitted) throw OAuthError.invalidAppAccess();
}
