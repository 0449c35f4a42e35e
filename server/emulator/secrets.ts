// Constant-time comparison and the response signature Salesforce adds to token responses.
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
