// The result page's look inside a JWT-based access token: the header and claims anyone holding it can read (base64url
// is an encoding, not encryption), never its signature.

export interface ReadableJwt {
  header: string;
  claims: string;
  /** The exp claim as a date, when it is a number of seconds. */
  expiresAt?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function decoded(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The token's header and claims, pretty-printed, when it is a JWT: three dot-separated parts whose first two are JSON
 * objects (jsforce tells the two kinds of access token apart by the same shape). An opaque token gives undefined.
 */
export function readableJwt(token: string): ReadableJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const header = decoded(parts[0]);
  const claims = decoded(parts[1]);
  if (!isObject(header) || !isObject(claims)) return undefined;
  const exp = claims.exp;
  const expiresAt =
    typeof exp === 'number' && Number.isFinite(exp) && Math.abs(exp) < 8.64e12
      ? new Date(exp * 1000).toISOString()
      : undefined;
  return { header: JSON.stringify(header, null, 2), claims: JSON.stringify(claims, null, 2), expiresAt };
}
