// Verifies an id_token's RS256 signature against the issuer's published keys, and its iss, aud and exp.
import { createPublicKey, createVerify, type JsonWebKey } from 'node:crypto';
import type { Check } from '../salesforce/attempt.ts';

const WHY =
  'An id_token is only worth what its signature is: verified against the keys the issuer publishes, it proves who logged in.';

export function idTokenSignatureCheck(
  idToken: string,
  keys: Record<string, unknown>[],
  expected: { issuers: string[]; clientId: string; nowMs: number },
): Check {
  const fail = (detail: string): Check => ({
    id: 'id-token',
    label: 'id_token signature verified',
    passed: false,
    detail,
    why: WHY,
  });
  const [headerPart, claimsPart, signature] = idToken.split('.');
  let header: { alg?: string; kid?: string };
  let claims: { iss?: string; aud?: string; exp?: number };
  try {
    header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(claimsPart, 'base64url').toString('utf8'));
  } catch {
    return fail('The id_token is not a readable JWT.');
  }
  if (header.alg !== 'RS256') return fail(`Its alg is ${String(header.alg)}, not RS256.`);
  const jwk = keys.find((key) => key.kid === header.kid);
  if (!jwk) return fail(`The issuer publishes no key with kid ${String(header.kid)}.`);
  let valid: boolean;
  try {
    const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    valid = createVerify('RSA-SHA256')
      .update(`${headerPart}.${claimsPart}`)
      .verify(key, Buffer.from(signature ?? '', 'base64url'));
  } catch {
    valid = false;
  }
  if (!valid) return fail(`The signature does not verify with key ${String(header.kid)}.`);
  if (!expected.issuers.includes(String(claims.iss))) {
    return fail(`iss is ${String(claims.iss)}, but the issuer is ${expected.issuers.join(' or ')}.`);
  }
  if (claims.aud !== expected.clientId)
    return fail(`aud is ${String(claims.aud)}, not this app's consumer key.`);
  const expired = typeof claims.exp === 'number' && claims.exp * 1000 < expected.nowMs;
  return {
    id: 'id-token',
    label: 'id_token signature verified',
    passed: true,
    detail: `RS256 signature verified with key ${String(header.kid)} from the issuer's JWKS; iss and aud match${expired ? '; note: it has already expired (id_tokens live about two minutes)' : ''}.`,
    why: WHY,
  };
}
