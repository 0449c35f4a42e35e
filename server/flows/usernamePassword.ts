// Username-password flow (RFC 6749 section 4.3; Salesforce: "OAuth 2.0 Username-Password Flow for Special
// Scenarios"): the app sends the user's password (plus security token) itself. Legacy and blocked by default in new
// orgs; taught as a migration lesson. The password is never kept: the transcript records it as "not kept".
import { FlowError, type Fault } from '../attempts/attempt.ts';
import type { Config } from '../config.ts';
import type { TokenSet } from '../salesforce/tokens.ts';
import type { FlowContext } from './context.ts';
import { verifyTokenResponse } from './responseChecks.ts';

export const PASSWORD_GRANT_TYPE = 'password';

export interface Credentials {
  username: string;
  password: string;
  /** Appended to the password unless the caller's IP is in the org's trusted ranges. */
  securityToken: string;
}

export function buildRequest(
  config: Pick<Config, 'clientId' | 'clientSecret'>,
  credentials: Credentials,
  faults: readonly Fault[] = [],
): Record<string, string> {
  if (!config.clientSecret) {
    throw new FlowError(
      'no_client_secret',
      'the username-password flow needs the consumer secret (SF_CLIENT_SECRET)',
    );
  }
  // Sent empty, it would come back as "authentication failure", the answer to every other cause too, and count
  // toward the user's lockout: this app says what is missing instead, and sends nothing.
  if (credentials.password === '') {
    throw new FlowError('password_missing', 'no password was entered, so nothing was sent to Salesforce');
  }
  // The password typed with the token already on its end, and the token in its own field too: sent as password, token,
  // token, it would fail as above. A token is 24 or 25 random characters, which no password ends with by chance; a
  // shorter, mistyped one may match (Summer2024 and 4), and is sent, to be refused there.
  const { securityToken } = credentials;
  if (securityToken.length >= 20 && credentials.password.endsWith(securityToken)) {
    throw new FlowError(
      'security_token_twice',
      'the password already ends with the security token, which was typed in its own field too, so nothing was sent to Salesforce',
    );
  }
  const password = faults.includes('wrong-password') ? `${credentials.password}-wrong` : credentials.password;
  const token = faults.includes('no-security-token') ? '' : securityToken;
  return {
    grant_type: PASSWORD_GRANT_TYPE,
    client_id: config.clientId,
    client_secret: config.clientSecret,
    username: credentials.username,
    password: `${password}${token}`,
  };
}

/** One POST; the answer has no refresh token, no scope and no id_token. */
export async function requestToken(
  ctx: FlowContext,
  credentials: Credentials,
  faults: readonly Fault[],
): Promise<TokenSet> {
  const form = buildRequest(ctx.config, credentials, faults);
  const tokens = await ctx.api.token(form, ctx.log.entry, { unrecorded: ['password'] });
  await verifyTokenResponse(ctx, tokens, { idToken: false });
  return tokens;
}
