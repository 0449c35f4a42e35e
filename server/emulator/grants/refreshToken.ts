// grant_type=refresh_token: a new access token for a stored refresh token, under the app's refresh-token policy,
// with rotation when the app turns it on (a new refresh token each time; reusing an old one revokes the grant).
import { findUserById } from '../context.ts';
import { OAuthError } from '../errors.ts';
import { isWithinPolicy } from '../refreshPolicy.ts';
import { issueTokens } from '../responses.ts';
import { checkActive, checkAdminApproval, checkClientId, checkClientSecret } from './checks.ts';
import { clientOfRequest } from './clientAssertion.ts';
import type { Grant } from './types.ts';

const expired = () => OAuthError.invalidGrant('expired access/refresh token');

export const refreshTokenGrant: Grant = {
  grantType: 'refresh_token',
  handler(ctx, params, request) {
    const { settings, tokens } = ctx.state;
    const client = clientOfRequest(ctx, params, request);
    checkClientId(ctx, client.id);
    if (!client.asserted) checkClientSecret(ctx, client, settings.requireSecretForRefresh);
    const stored = params.refresh_token ? tokens.findRefreshToken(params.refresh_token) : undefined;
    if (!stored) throw expired();
    if (stored.replacedAt !== undefined) {
      // "Any attempted reuse of an invalidated refresh token results in the immediate revocation of the current
      // refresh token and all associated access tokens" (Salesforce's refresh token rotation article).
      tokens.revokeFamily(stored.familyKey);
      throw expired();
    }
    if (!isWithinPolicy(settings.refreshTokenPolicy, stored, ctx.now())) throw expired();
    const user = checkActive(findUserById(ctx, stored.userId));
    // Unconfirmed for a refresh: a user the Permitted Users policy no longer lets in is refused as at every other
    // grant, rather than renewing access an admin has taken away (the safe choice).
    checkAdminApproval(ctx, user, { grantType: refreshTokenGrant.grantType });
    tokens.markUsed(stored.key);
    const rotated = settings.refreshTokenRotation ? tokens.rotate(stored.key) : undefined;
    return issueTokens(ctx, user, stored.scopes, {
      refreshToken: rotated,
      familyKey: stored.familyKey,
      issuer: request.host.url,
    });
  },
};
