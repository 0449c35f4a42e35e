// Constant-time comparison, PKCE and the response signature Salesforce adds to token responses.
// The emulator's crypto is deliberately its own, sharing no code with the app's flows: it is the independent
// check of the app, so one shared bug cannot make both sides agree on a wrong value. test/unit/emulator holds
// RFC test vectors for these primitives.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Compares two secrets without leaking, through timing, how much of them matched. */
export function safeEqual(a: string, b: string): boolean {
  // Hashing first gives equal-length inputs, so the length itself is not leaked either.
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}

/** signature = Base64(HMAC-SHA256(key = client secret, message = id + issued_at)), standard Base64 with padding. */
export function responseSignature(clientSecret: string, id: string, issuedAt: string): string {
  return createHmac('sha256', clientSecret)
    .update(id + issuedAt)
    .digest('base64');
}

/** PKCE S256: BASE64URL(SHA256(verifier)) without padding. */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}
