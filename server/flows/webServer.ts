// Web server flow with PKCE (RFC 6749 section 4.1 + RFC 7636; Salesforce: "OAuth 2.0 Web Server Flow for Web App
// Integration"): send the user to authorize, get a one-time code back, exchange it with the verifier.
import { randomBytes } from 'node:crypto';
import type { Fault } from '../attempts/attempt.ts';
import type { Config } from '../config.ts';
import { SalesforceError } from '../salesforce/errors.ts';
import type { TokenSet } from '../salesforce/tokens.ts';
import { callbackWithoutCode, checkCallbackState } from './callbackChecks.ts';
import { verifyTokenResponse } from './responseChecks.ts';
import type { CallbackMatch } from './transactions.ts';
import { pkceChallenge } from './checks.ts';
import { buildTokenRequest, challengeLeftOut, pkceCheckOf } from './codeExchange.ts';
import type { FlowContext } from './context.ts';
import { loginParams, type LoginOptions } from './loginOptions.ts';

type FlowConfig = Pick<Config, 'loginUrl' | 'clientId' | 'clientSecret' | 'callbackUrl' | 'scopes'>;

/** What the session keeps between the redirect and the callback, under the attempt's own key. */
export interface WebServerTransaction {
  flow: 'web-server';
  state: string;
  codeVerifier: string;
  codeChallenge: string;
  /** OpenID Connect: comes back inside the id_token when openid is granted. */
  nonce: string;
  /** The scopes asked for: an id_token is required back when openid is among them. */
  scopes: string[];
  createdAt: number;
  faults: Fault[];
  /** Started by "new attempt and copy": the callback hands the code over instead of exchanging it. */
  handOver?: boolean;
}

/** The parameters Salesforce sends back in the callback's query string. */
export interface CallbackParams {
  code?: string;
  state?: string;
  error?: string;
  error_description?: string;
}

/** Step 1: a fresh state, verifier and nonce, and the authorize URL carrying the challenge. */
export function buildRequest(
  config: FlowConfig,
  nowMs: number,
  faults: Fault[] = [],
  login: LoginOptions = { scopes: config.scopes.split(/\s+/).filter(Boolean) },
): { transaction: WebServerTransaction; authorizeUrl: string } {
  const state = randomBytes(16).toString('base64url');
  const codeVerifier = randomBytes(48).toString('base64url');
  const codeChallenge = pkceChallenge(codeVerifier);
  const nonce = randomBytes(16).toString('base64url');
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.callbackUrl,
    ...loginParams(login),
    state: faults.includes('tampered-state') ? `${state}-tampered` : state,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
    nonce,
  });
  if (challengeLeftOut(faults)) {
    params.delete('code_challenge');
    params.delete('code_challenge_method');
  }
  return {
    transaction: {
      flow: 'web-server',
      state,
      codeVerifier,
      codeChallenge,
      nonce,
      scopes: login.scopes,
      createdAt: nowMs,
      faults,
    },
    authorizeUrl: `${config.loginUrl}/services/oauth2/authorize?${params}`,
  };
}

/**
 * Step 2, the callback: the state must lead to this session's transaction, then the code is exchanged with the
 * verifier, then the response's own signature and id_token are verified.
 */
export async function completeCallback(
  ctx: FlowContext,
  params: CallbackParams,
  match: CallbackMatch<WebServerTransaction>,
): Promise<TokenSet> {
  const { transaction, code } = receivedCode(ctx, params, match);
  const form = buildTokenRequest(ctx.config, code, transaction);
  const tokens = await ctx.api.token(form, ctx.log.entry);
  if (transaction.faults.includes('replay-code')) {
    await ctx.api.token(form, ctx.log.entry, 'token (replayed code)');
  }
  await verifyTokenResponse(ctx, tokens, {
    nonce: transaction.nonce,
    atHashRequired: false,
    openidRequested: transaction.scopes?.includes('openid'),
  });
  return tokens;
}

/**
 * Step 2 for a hand-over: the same state and PKCE checks as any callback, then the exchange request that would be
 * sent, left unsent. The code stays unused, for the learner's own client; nothing here signs anyone in.
 */
export function handOverCode(
  ctx: FlowContext,
  params: CallbackParams,
  match: CallbackMatch<WebServerTransaction>,
): Record<string, string> {
  const { transaction, code } = receivedCode(ctx, params, match);
  return buildTokenRequest(ctx.config, code, transaction);
}

/**
 * What every callback of this flow checks before the code is used: the state, an error Salesforce sent instead,
 * exactly one code; the PKCE pair is logged for the learner.
 */
function receivedCode(
  ctx: FlowContext,
  params: CallbackParams,
  match: CallbackMatch<WebServerTransaction>,
): { transaction: WebServerTransaction; code: string } {
  checkCallbackState(ctx, match, params);
  const transaction = match.transaction as WebServerTransaction;
  if (params.error !== undefined) {
    throw new SalesforceError(params.error, params.error_description ?? '', 0, '', 'redirect');
  }
  if (!params.code) throw callbackWithoutCode();
  ctx.log.check(pkceCheckOf(transaction));
  return { transaction, code: params.code };
}
