// Refresh token flow (RFC 6749 section 6; Salesforce: "OAuth 2.0 Refresh Token Flow for Renewed Sessions"): a new
// access token without a new login. With rotation on, every refresh also returns a new refresh token and the old
// one dies; reusing it revokes the whole family.
import { FlowError, type Fault } from '../attempts/attempt.ts';
import type { Config } from '../config.ts';
import type { Login, TokenSet } from '../salesforce/tokens.ts';
import type { FlowContext } from './context.ts';
import { verifyTokenResponse } from './responseChecks.ts';

export const REFRESH_GRANT_TYPE = 'refresh_token';

type FlowConfig = Pick<Config, 'clientId' | 'clientSecret'>;

/** The grant's form: the secret goes when configured ("Require Secret for Refresh Token Flow" is on by default). */
export function buildRequest(
  config: FlowConfig,
  refreshToken: string,
  faults: readonly Fault[] = [],
): Record<string, string> {
  const form: Record<string, string> = {
    grant_type: REFRESH_GRANT_TYPE,
    refresh_token: refreshToken,
    client_id: config.clientId,
  };
  if (config.clientSecret && !faults.includes('no-secret')) {
    form.client_secret = faults.includes('wrong-secret')
      ? `${config.clientSecret}-wrong`
      : config.clientSecret;
  }
  return form;
}

/**
 * Refreshes the signed-in visitor's token. Returns the new token set, keeping the refresh token when none came
 * back (no rotation) and remembering the replaced one when a new one came (rotation), for the reuse lesson.
 */
export async function refresh(ctx: FlowContext, login: Login, faults: readonly Fault[]): Promise<Login> {
  const current = login.tokens.refresh_token;
  if (!current) {
    throw new FlowError(
      'no_refresh_token',
      `the ${login.flow} login of this session received no refresh token`,
    );
  }
  let sent = current;
  if (faults.includes('reuse-refresh-token')) {
    if (!login.previousRefreshToken) {
      throw new FlowError(
        'no_previous_refresh_token',
        'no refresh token has been replaced yet: turn refresh token rotation on for the app and refresh once first',
      );
    }
    sent = login.previousRefreshToken;
  }
  if (faults.includes('revoked-refresh-token')) await ctx.api.revokeToken(current, ctx.log.entry);
  const fresh = await ctx.api.token(buildRequest(ctx.config, sent, faults), ctx.log.entry, 'token (refresh)');
  await verifyTokenResponse(ctx, fresh, {
    atHashRequired: false,
    openidRequested: grantedOpenid(login.tokens),
    continuesGrant: true,
  });
  const rotated = fresh.refresh_token !== undefined && fresh.refresh_token !== current;
  const tokens: TokenSet = { ...fresh, refresh_token: fresh.refresh_token ?? current };
  return {
    ...login,
    flow: 'refresh-token',
    signedInWith: login.flow === 'refresh-token' ? login.signedInWith : login.flow,
    tokens,
    previousRefreshToken: rotated ? current : login.previousRefreshToken,
    refreshRefused: undefined,
    revokedByTool: undefined,
    receivedAt: ctx.now(),
  };
}

/**
 * Whether the refreshed grant includes openid, so that an id_token is owed: the scope the login was granted when the
 * token response said it, else whether the login came with an id_token. SF_SCOPES is not it: a login can ask for
 * fewer scopes (the flow page's choice), and its refresh then brings no id_token.
 */
function grantedOpenid(tokens: TokenSet): boolean {
  return tokens.scope !== undefined
    ? tokens.scope.split(/\s+/).includes('openid')
    : tokens.id_token !== undefined;
}
