// grant_type=refresh_token: a new access token for a stored refresh token (no rotation, as by default).
import { findUserById } from '../context.ts';
import { OAuthError } from '../errors.ts';
import { issueTokens } from '../responses.ts';
import { checkActive, checkClientId, checkClientSecret } from './checks.ts';
import type { Grant } from './types.ts';

export const refreshTokenGrant: Grant = {
  grantType: 'refresh_token',
  handler(ctx, params) {
    checkClientId(ctx, params.client_id);
    checkClientSecret(ctx, params.client_secret);
    const stored = params.refresh_token ? ctx.state.findRefreshToken(params.refresh_token) : undefined;
    if (!stored) throw OAuthError.invalidGrant('expired access/refresh token');
    const user = checkActive(findUserById(ctx, stored.userId));
    return issueTokens(ctx, user, stored.scopes, { withRefreshToken: false, refreshKey: stored.key });
  },
};
