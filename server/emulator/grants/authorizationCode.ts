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
    const code = params.code ?? '';
    const grant = code ? ctx.codes.consume(code) : undefined;
    if (!grant) {
      // A code works once. Used again, it also takes back the tokens it gave (RFC 6749 §4.1.2: someone else may
      // hold the code), while the answer stays Salesforce's, the same as for an expired code.
      for (const key of ctx.codes.takeIssuedTokens(code)) ctx.state.revokeByKey(key);
      throw OAuthError.invalidGrant('expired authorization code');
    }
    checkRedirectUri(grant, params.redirect_uri);
    checkClientSecret(ctx, params.client_secret);
    checkPkce(grant, params.code_verifier);
    const user = checkActive(findUserById(ctx, grant.userId));
    checkAdminApproval(ctx, user);
    const response = issueTokens(ctx, user, grant.scopes, { withRefreshToken: true, nonce: grant.nonce });
    ctx.codes.recordIssued(code, [response.access_token, response.refresh_token].filter(Boolean));
    return response;
  },
};
