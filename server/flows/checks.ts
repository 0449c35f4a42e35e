// The checks a careful client makes, as pure functions returning a visible pass/fail with the reason it matters.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Check } from '../attempts/attempt.ts';
import { claimOf } from '../jwt.ts';

/** Equal-length hashes keep the comparison constant-time even when the inputs differ in length. */
export function constantTimeEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** PKCE S256: BASE64URL(SHA256(ascii(verifier))), no padding (RFC 7636 section 4.2). */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function stateCheck(expected: string | undefined, received: string | undefined): Check {
  const passed = Boolean(expected && received !== undefined && constantTimeEqual(expected, received));
  return {
    id: 'state',
    label: 'state matched',
    passed,
    detail: passed
      ? 'The state that came back is the one this browser session sent.'
      : expected
        ? 'The state that came back is not the one this session sent.'
        : 'No login attempt in this session is waiting for this state (already used, expired, or started in another browser).',
    why: 'state ties the callback to the login this browser started; without it an attacker could log you in to their account (login CSRF).',
  };
}

export function pkceCheck(verifier: string, challengeSent: string): Check {
  const recomputed = pkceChallenge(verifier);
  const passed = constantTimeEqual(recomputed, challengeSent);
  return {
    id: 'pkce',
    label: 'PKCE challenge recomputed',
    passed,
    detail: `BASE64URL(SHA256(code_verifier)) = ${recomputed}${passed ? ', the code_challenge sent at authorize.' : `, but ${challengeSent} was sent.`}`,
    why: 'Only the holder of the verifier can redeem the code, so a stolen code is useless to anyone else.',
  };
}

/** Salesforce signs id + issued_at with the consumer secret: proof the response came from the org and is intact. */
export function responseSignature(secret: string, id: string, issuedAt: string): string {
  return createHmac('sha256', secret)
    .update(id + issuedAt)
    .digest('base64');
}

export function signatureCheck(secret: string, id: string, issuedAt: string, signature: string): Check {
  const passed = constantTimeEqual(responseSignature(secret, id, issuedAt), signature);
  return {
    id: 'signature',
    label: 'response signature verified',
    passed,
    detail: passed
      ? 'Base64(HMAC-SHA256(client secret, id + issued_at)) equals the signature received.'
      : 'The signature does not match: the id or issued_at was changed, or another secret signed it.',
    why: 'In the user-agent flow the token travels through the browser; the signature shows id and issued_at were not tampered with.',
  };
}

export function nonceCheck(expected: string | undefined, idToken: string | undefined): Check {
  const received = claimOf(idToken, 'nonce');
  const passed = Boolean(expected && typeof received === 'string' && constantTimeEqual(expected, received));
  return {
    id: 'nonce',
    label: 'nonce matched',
    passed,
    detail: passed
      ? 'The id_token carries the nonce this session sent.'
      : `The id_token's nonce (${String(received)}) is not the one this session sent.`,
    why: 'The nonce binds the id_token to this login, so a replayed id_token from elsewhere is refused.',
  };
}
