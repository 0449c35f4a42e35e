// The web server flow's code exchange: the PKCE check the app runs first, and the form it posts to the token endpoint.
import type { Check, Fault } from '../attempts/attempt.ts';
import type { Config } from '../config.ts';
import { pkceCheck } from './checks.ts';
import { notPerformed } from './checkOutcomes.ts';

type ExchangeConfig = Pick<Config, 'clientId' | 'clientSecret' | 'callbackUrl'>;
/** What the exchange needs of the web server flow's transaction. */
interface Login {
  codeVerifier: string;
  codeChallenge: string;
  faults: readonly Fault[];
}

/** Switches that send authorize without code_challenge: the org-side "requires PKCE" lesson needs such a request. */
export const challengeLeftOut = (faults: readonly Fault[]): boolean =>
  faults.includes('no-pkce') || faults.includes('require-pkce');
/** Switches that leave code_verifier out of the exchange: those, and missing-verifier (the challenge still went). */
export const verifierLeftOut = (faults: readonly Fault[]): boolean =>
  challengeLeftOut(faults) || faults.includes('missing-verifier');

/** The app recomputes the challenge from the verifier it will send; with PKCE left out on purpose, nothing runs. */
export function pkceCheckOf(transaction: Login): Check {
  const { faults } = transaction;
  if (verifierLeftOut(faults)) {
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
  config: ExchangeConfig,
  code: string,
  transaction: Login,
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
  if (!verifierLeftOut(faults)) form.code_verifier = transaction.codeVerifier;
  return form;
}
