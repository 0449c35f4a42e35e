// User-agent flow (RFC 6749 section 4.2, "implicit"; Salesforce: "OAuth 2.0 User-Agent Flow"): the token comes
// back in the URL fragment, which only the browser sees. Legacy: prefer the web server flow with PKCE.
import { randomBytes } from 'node:crypto';
import type { Fault } from '../attempts/attempt.ts';
import type { Config } from '../config.ts';
import { SalesforceError } from '../salesforce/errors.ts';
import { parseTokenSet, type TokenSet } from '../salesforce/tokens.ts';
import { checkCallbackState } from './callbackChecks.ts';
import { verifyTokenResponse } from './responseChecks.ts';
import type { CallbackMatch } from './transactions.ts';
import type { FlowContext } from './context.ts';
import { loginParams, type LoginOptions } from './loginOptions.ts';

type FlowConfig = Pick<Config, 'loginUrl' | 'clientId' | 'callbackUrl' | 'scopes'>;

export interface UserAgentTransaction {
  flow: 'user-agent';
  state: string;
  nonce: string;
  /** The scopes asked for: an id_token is required back when openid is among them. */
  scopes: string[];
  createdAt: number;
  faults: Fault[];
}

/** Step 1: asks for `token id_token` when openid is in the scopes, so the nonce has an id_token to come back in. */
export function buildRequest(
  config: FlowConfig,
  nowMs: number,
  faults: Fault[] = [],
  login: LoginOptions = { scopes: config.scopes.split(/\s+/).filter(Boolean) },
): { transaction: UserAgentTransaction; authorizeUrl: string } {
  const state = randomBytes(16).toString('base64url');
  const nonce = randomBytes(16).toString('base64url');
  const withIdToken = login.scopes.includes('openid');
  const params = new URLSearchParams({
    response_type: withIdToken ? 'token id_token' : 'token',
    client_id: config.clientId,
    redirect_uri: config.callbackUrl,
    ...loginParams(login),
    state: faults.includes('tampered-state') ? `${state}-tampered` : state,
    nonce,
  });
  return {
    transaction: { flow: 'user-agent', state, nonce, scopes: login.scopes, createdAt: nowMs, faults },
    authorizeUrl: `${config.loginUrl}/services/oauth2/authorize?${params}`,
  };
}

/**
 * Step 2, the fragment the callback page posted: an error Salesforce put there, or a token response whose state,
 * signature and id_token must all hold before the token is kept.
 */
export async function completeFragment(
  ctx: FlowContext,
  params: Record<string, string | undefined>,
  match: CallbackMatch<UserAgentTransaction>,
): Promise<TokenSet> {
  checkCallbackState(ctx, match, params);
  const transaction = match.transaction as UserAgentTransaction;
  if (params.error !== undefined) {
    throw new SalesforceError(params.error, params.error_description ?? '', 0, '', 'fragment');
  }
  const tokens = parseTokenSet(params);
  await verifyTokenResponse(ctx, tokens, {
    nonce: transaction.nonce,
    atHashRequired: true,
    openidRequested: transaction.scopes?.includes('openid'),
    inFragment: true,
  });
  return tokens;
}
