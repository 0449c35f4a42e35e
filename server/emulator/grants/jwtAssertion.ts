// Reads and verifies a JWT bearer assertion: structure, RS256 only, signature against the app's certificate.
// Written with node:crypto alone, independently of the app's JWT code, so it checks the app rather than agrees with it.
import { createVerify, type KeyObject } from 'node:crypto';
import { OAuthError } from '../errors.ts';

export interface Assertion {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

const invalidAssertion = () => OAuthError.invalidGrant('invalid assertion');

/** Decodes without trusting: any structural problem is Salesforce's `invalid assertion`. */
export function decodeAssertion(
  assertion: string | undefined,
): Assertion & { signedPart: string; signature: Buffer } {
  const parts = (assertion ?? '').split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part))) throw invalidAssertion();
  const [header, claims] = [parts[0], parts[1]].map((part) => parseJsonObject(part));
  return {
    header,
    claims,
    signedPart: `${parts[0]}.${parts[1]}`,
    signature: Buffer.from(parts[2], 'base64url'),
  };
}

function parseJsonObject(part: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through: not JSON
  }
  throw invalidAssertion();
}

/**
 * Only RS256 is accepted: `none` and HMAC algorithms would let anyone who knows the certificate forge tokens.
 * `certificateKey` is the public key of the app's certificate (undefined when none can be read: nothing verifies).
 */
export function checkSignature(
  decoded: ReturnType<typeof decodeAssertion>,
  certificateKey: KeyObject | undefined,
): void {
  if (decoded.header.alg !== 'RS256' || !certificateKey) throw invalidAssertion();
  // RS256 is RSA: Node's RSA-SHA256 verifier would take an ECDSA signature against an EC certificate's key.
  if (certificateKey.asymmetricKeyType !== 'rsa') throw invalidAssertion();
  let valid: boolean;
  try {
    valid = createVerify('RSA-SHA256').update(decoded.signedPart).verify(certificateKey, decoded.signature);
  } catch {
    valid = false;
  }
  if (!valid) throw invalidAssertion();
}

/** `exp` is seconds (a numeric string is tolerated, as the docs' own sample uses one); the past is refused. */
export function checkExpiry(claims: Record<string, unknown>, nowMs: number): void {
  const exp = typeof claims.exp === 'string' ? Number(claims.exp) : claims.exp;
  // Far-future values are accepted on purpose: sfdx-core signs exp in milliseconds and real orgs take it. A missing
  // or non-numeric exp gets the answer observed for a past one; Salesforce's own answer to it is unconfirmed.
  if (typeof exp !== 'number' || !Number.isFinite(exp) || exp * 1000 <= nowMs) {
    throw OAuthError.invalidGrant('expired authorization code');
  }
}
