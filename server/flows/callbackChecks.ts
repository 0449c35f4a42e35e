// Checks shared by the redirect flows' callbacks: the token response's own signature, and its id_token.
import { FlowError, type Check } from '../attempts/attempt.ts';
import type { TokenSet } from '../salesforce/tokens.ts';
import { nonceCheck, signatureCheck } from './checks.ts';
import type { FlowContext } from './context.ts';
import { idTokenSignatureCheck } from './idToken.ts';

/** The state did not lead back to a login this browser session started. */
export function stateMismatch(): FlowError {
  return new FlowError(
    'state_mismatch',
    'the state in the callback does not match a login this browser session started',
  );
}

/**
 * The response's signature (when a secret is configured), the id_token's signature, iss, aud and nonce: every
 * check is logged, and the first that failed ends the attempt.
 */
export async function verifyTokenResponse(ctx: FlowContext, tokens: TokenSet, nonce: string): Promise<void> {
  const { config, api, now, log } = ctx;
  const checks: Check[] = [];
  if (config.clientSecret && tokens.signature && tokens.issued_at) {
    checks.push(signatureCheck(config.clientSecret, tokens.id, tokens.issued_at, tokens.signature));
  }
  if (tokens.id_token) {
    log.jwt('idToken', tokens.id_token);
    const { issuer, keys } = await api.signingKeys(log.entry);
    // A login through My Domain may name the My Domain host as issuer rather than the login host.
    const issuers = [issuer, config.loginUrl, new URL(tokens.instance_url).origin];
    checks.push(
      await idTokenSignatureCheck(tokens.id_token, keys, {
        issuers,
        clientId: config.clientId,
        nowMs: now(),
      }),
    );
    checks.push(nonceCheck(nonce, tokens.id_token));
  }
  checks.forEach((check) => log.check(check));
  const failed = checks.find((check) => !check.passed);
  if (failed) throw new FlowError(failedCode(failed), failed.detail);
}

function failedCode(check: Check): string {
  return check.id === 'id-token' ? 'id_token_invalid' : `${check.id}_mismatch`;
}
