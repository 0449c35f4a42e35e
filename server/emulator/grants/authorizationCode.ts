// grant_type=authorization_code: the web server flow's code exchange, with PKCE.
import { findUserById } from '../context.ts';
import { OAuthError } from '../errors.ts';
import { issueTokens, newGrant } from '../responses.ts';
import {
  checkActive,
  checkAdminApproval,
  checkClientId,
  checkClientSecret,
  checkPkce,
  checkRedirectUri,
} from './checks.ts';
import { clientOfRequest } from './clientAssertion.ts';
import type { Grant } from './types.ts';

export const authorizationCodeGrant: Grant = {
  grantType: 'authorization_code',
  handler(ctx, params, request) {
    const client = clientOfRequest(ctx, params, request);
    checkClientId(ctx, client.id);
    // A missing code gets the answer observed for a spent one; Salesforce's answer to it is unconfirmed (its error
    // table names invalid_request for missing parameters without saying which).
    // Consumed at the first exchange tried, even one refused below: RFC 6749's one use, read safely (what Salesforce
    // does with a code after a refused exchange is not documented).
    const code = params.code ?? '';
    const grant = code ? ctx.codes.consume(code) : undefined;
    if (!grant) {
      // A code works once. Used again, it also takes back the tokens it gave (RFC 6749 §4.1.2: someone else may
      // hold the code), while the answer stays Salesforce's, the same as for an expired code.
      for (const key of ctx.codes.takeIssuedTokens(code)) ctx.state.tokens.revokeByKey(key);
      throw OAuthError.invalidGrant('expired authorization code');
    }
    checkRedirectUri(grant, params.redirect_uri);
    // The armed fault 'require-secret' plays "Require Secret for Web Server Flow" switched on for this exchange.
    const secretRequired =
      ctx.faults.take('require-secret', { state: grant.state }) || ctx.state.settings.requireSecret;
    if (!client.asserted) checkClientSecret(ctx, client, secretRequired);
    checkPkce(grant, params.code_verifier);
    const user = checkActive(findUserById(ctx, grant.userId));
    checkAdminApproval(ctx, user, { state: grant.state });
    const response = issueTokens(ctx, user, grant.scopes, {
      ...newGrant(ctx, user, grant.scopes),
      nonce: grant.nonce,
      issuer: request.host.url,
    });
    ctx.codes.recordIssued(code, [response.access_token, response.refresh_token].filter(Boolean));
    return response;
  },
};
