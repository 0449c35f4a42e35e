// Verifies an id_token with jose against the issuer's published keys (JWKS): the RS256 signature, iss, aud, and
// at_hash, which binds it to the access token that came with it (OpenID Connect Core 3.1.3.6 / 3.2.2.9).
import { createHash } from 'node:crypto';
import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet } from 'jose';
import type { Check } from '../attempts/attempt.ts';
import { readJwt } from '../jwt.ts';

const WHY =
  'An id_token is only worth what its signature is: verified against the keys the issuer publishes, it proves who logged in.';

export interface IdTokenExpectations {
  issuers: string[];
  clientId: string;
  nowMs: number;
  /** The access token of the same response: an at_hash present must be its hash. */
  accessToken?: string;
  /** The implicit flow must carry at_hash; the code flow may. */
  atHashRequired?: boolean;
}

export async function idTokenSignatureCheck(
  idToken: string,
  keys: Record<string, unknown>[],
  expected: IdTokenExpectations,
): Promise<Check> {
  const result = (passed: boolean, detail: string): Check => ({
    id: 'id-token',
    label: 'id_token check',
    passed,
    detail,
    why: WHY,
  });
  const read = readJwt(idToken);
  if (!read) return result(false, 'The id_token is not a readable JWT.');
  const kid = String(read.header.kid);
  if (read.header.alg !== 'RS256') return result(false, `Its alg is ${String(read.header.alg)}, not RS256.`);
  if (!keys.some((key) => key.kid === read.header.kid))
    return result(false, `The issuer publishes no key with kid ${kid}.`);
  let expired = false;
  try {
    await jwtVerify(idToken, createLocalJWKSet({ keys } as unknown as JSONWebKeySet), {
      algorithms: ['RS256'],
      issuer: expected.issuers,
      audience: expected.clientId,
      currentDate: new Date(expected.nowMs),
    });
  } catch (error) {
    // jose checks the signature, then iss and aud, then exp: an expired token has passed everything else.
    if (error instanceof errors.JWTExpired) expired = true;
    else return result(false, failureDetail(error, read.claims, expected, kid));
  }
  const atHash = read.claims.at_hash;
  if (atHash === undefined && expected.atHashRequired) {
    return result(false, 'It has no at_hash, so nothing binds it to the access token it came with.');
  }
  const atHashChecked = atHash !== undefined && expected.accessToken !== undefined;
  if (atHashChecked && atHash !== accessTokenHash(expected.accessToken as string)) {
    return result(false, `at_hash is ${String(atHash)}, not the hash of the access token it came with.`);
  }
  // Judged by this machine's clock: an id_token read as it arrives looks expired only when that clock runs ahead.
  const expiredNote =
    "; note: it has already expired by this machine's clock (id_tokens live about two minutes): if it just arrived, this clock is ahead of Salesforce's (the clock check says by how much)";
  return result(
    true,
    `RS256 signature verified with key ${kid} from the issuer's JWKS; iss and aud match${atHashChecked ? '; at_hash matches the access token' : ''}${expired ? expiredNote : ''}.`,
  );
}

/** at_hash: base64url of the left half of SHA-256 of the access token. */
export function accessTokenHash(accessToken: string): string {
  const digest = createHash('sha256').update(accessToken).digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

function failureDetail(
  error: unknown,
  claims: Record<string, unknown>,
  expected: IdTokenExpectations,
  kid: string,
): string {
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'iss')
    return `iss is ${String(claims.iss)}, but the issuer is ${expected.issuers.join(' or ')}.`;
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud')
    return `aud is ${String(claims.aud)}, not this app's consumer key.`;
  return `The signature does not verify with key ${kid}.`;
}
