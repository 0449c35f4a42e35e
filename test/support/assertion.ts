// Builds JWT bearer assertions for tests, signed with the test key (or any other) via njwt.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import njwt from 'njwt';
import { TEST_ROOT, testKeyPem } from './stack.ts';

export const testJwtKey = () => readFileSync(path.join(TEST_ROOT, 'certs', 'jwt.key'), 'utf8');

/** A private key the emulator has never seen. */
export const otherKey = () => testKeyPem('unknown-to-emulator');

export interface AssertionClaims {
  iss: string;
  sub: string;
  aud: string;
  exp?: number | string;
  [claim: string]: unknown;
}

/** An RS256 assertion; `exp` defaults to three minutes ahead, in seconds. */
export function signAssertion(claims: AssertionClaims, key = testJwtKey()): string {
  const jwt = njwt.create(claims as unknown as Parameters<typeof njwt.create>[0], key, 'RS256');
  jwt.setExpiration(Date.now() + 3 * 60 * 1000);
  if (claims.exp !== undefined) jwt.setClaim('exp', claims.exp);
  return jwt.compact();
}

/** Re-encodes a JWT with a different header and no valid signature (alg none, HS256, ...). */
export function withHeader(assertion: string, header: Record<string, unknown>, signature = ''): string {
  const [, payload] = assertion.split('.');
  return `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${payload}.${signature}`;
}
