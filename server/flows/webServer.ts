// Web server flow with PKCE (RFC 6749 section 4.1 + RFC 7636; Salesforce: "OAuth 2.0 Web Server Flow for Web App
// Integration"): send the user to authorize, get a one-time code back, exchange it with the verifier.
import { randomBytes } from 'node:crypto';
import type { Check, Fault } from '../attempts/attempt.ts';
import type { Config } from '../config.ts';
import { SalesforceError } from '../salesforce/errors.ts';
import type { TokenSet } from '../salesforce/tokens.ts';
import { checkCallbackState, notPerformed, verifyTokenResponse } from './responseChecks.ts';
import type { CallbackMatch } from './transactions.ts';
import { pkceChallenge, pkceCheck } from './checks.ts';
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
  // The org-side "requires PKCE" lesson needs a request without it.
  if (faults.includes('no-pkce') || faults.includes('require-pkce')) {
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
  checkCallbackState(ctx, match, params);
  const transaction = match.transaction as WebServerTransaction;
  if (params.error !== undefined) {
    throw new SalesforceError(params.error, params.error_description ?? '', 0, '', 'redirect');
  }
  ctx.log.check(pkceCheckOf(transaction));
  const form = buildTokenRequest(ctx.config, params.code ?? '', transaction);
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
  checkCallbackState(ctx, match, params);
  const transaction = match.transaction as WebServerTransaction;
  if (params.error !== undefined) {
    throw new SalesforceError(params.error, params.error_description ?? '', 0, '', 'redirect');
  }
  ctx.log.check(pkceCheckOf(transaction));
  return buildTokenRequest(ctx.config, params.code ?? '', transaction);
}

/** The app recomputes the challenge from the verifier it will send; with PKCE left out on purpose, nothing runs. */
function pkceCheckOf(transaction: WebServerTransaction): Check {
  const { faults } = transaction;
  if (faults.includes('no-pkce') || faults.includes('require-pkce') || faults.includes('missing-verifier')) {
    const what = !faults.includes('missing-verifier')
      ? 'code_challenge was left out of authorize'
      : 'code_verifier is left out of the exchange';
    return notPerformed(
      'pkce',
      'PKCE check',
      `The ${what} on purpose (break it): nothing proves that this app started the login.`,
    );
  }
  return pkceCheck(transaction.codeVerifier, transaction.codeChallenge);
}

/** The code exchange; the secret goes only when one is configured (a public client relies on PKCE alone). */
export function buildTokenRequest(
  config: FlowConfig,
  code: string,
  transaction: WebServerTransaction,
): Record<string, string> {
  const { faults } = transaction;
  const form: Record<string, string> = {
    grant_type: 'authorization_code',
    code,
    client_id: config.clientId,
    redirect_uri: faults.includes('wrong-redirect-uri')
      ? new URL('/wrong-callback', config.callbackUrl).href
      : config.callbackUrl,
  };
  const secretLeftOut = faults.includes('no-secret') || faults.includes('require-secret');
  if (config.clientSecret && !secretLeftOut) form.client_secret = config.clientSecret;
  const verifierLeftOut = ['missing-verifier', 'no-pkce', 'require-pkce'].some((fault) =>
    faults.includes(fault as Fault),
  );
  if (!verifierLeftOut) form.code_verifier = transaction.codeVerifier;
  return form;
}

/** The refresh token grant: a new access token without a new login (the response carries no new refresh token). */
export function buildRefreshRequest(config: FlowConfig, refreshToken: string): Record<string, string> {
  const form: Record<string, string> = {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: config.clientId,
  };
  if (config.clientSecret) form.client_secret = config.clientSecret;
  return form;
}
