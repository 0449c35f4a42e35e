// grant_type=authorization_code: the web server flow's code exchange, with PKCE.
import { findUserById } from '../context.ts';
import { OAuthError } from '../errors.ts';
import { issueTokens } from '../responses.ts';
import {
  checkActive,
  checkAdminApproval,
  checkClientId,
  checkClientSecret,
  checkPkce,
  checkRedirectUri,
} from './checks.ts';
import type { Grant } from './types.ts';

export const authorizationCodeGrant: Grant = {
  grantType: 'authorization_code',
  handler(ctx, params) {
    checkClientId(ctx, params.client_id);
    // A code works once: the second use, like an expired code, gets the same answer.
    const grant = params.code ? ctx.codes.consume(params.code) : undefined;
    if (!grant) throw OAuthError.invalidGrant('expired authorization code');
    checkRedirectUri(grant, params.redirect_uri);
    checkClientSecret(ctx, params.client_secret);
    checkPkce(grant, params.code_verifier);
    const user = checkActive(findUserById(ctx, grant.userId));
    checkAdminApproval(ctx, user);
    return issueTokens(ctx, user, grant.scopes, { withRefreshToken: true, nonce: grant.nonce });
  },
};
