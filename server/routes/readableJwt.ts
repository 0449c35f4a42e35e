// The result page's look inside a JWT-based access token: the header and claims anyone holding it can read (base64url
// is an encoding, not encryption), never its signature. Read with the app's one JWT reader (jwt.ts).
import { readJwt } from '../jwt.ts';

export interface ReadableJwt {
  header: string;
  claims: string;
  /** The exp claim as a date, when it is a number of seconds. */
  expiresAt?: string;
}

/**
 * The token's header and claims, pretty-printed, when it is a JWT: three dot-separated parts whose first two are JSON
 * objects (jsforce tells the two kinds of access token apart by the same shape). An opaque token gives undefined.
 */
export function readableJwt(token: string): ReadableJwt | undefined {
  const read = readJwt(token);
  // A header that is no JSON object reads as {}: no JWT a JOSE library makes has one without alg.
  if (!read || Object.keys(read.header).length === 0) return undefined;
  const exp = read.claims.exp;
  const expiresAt =
    typeof exp === 'number' && Number.isFinite(exp) && Math.abs(exp) < 8.64e12
      ? new Date(exp * 1000).toISOString()
      : undefined;
  return {
    header: JSON.stringify(read.header, null, 2),
    claims: JSON.stringify(read.claims, null, 2),
    expiresAt,
  };
}
