// The app's one JWT reader: header and claims of a compact JWT, decoded without trusting them (for display,
// context and claim checks). Signatures are verified in flows/idToken.ts; assertions are signed by njwt.
import { decodeJwt, decodeProtectedHeader } from 'jose';

export interface ReadJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signaturePresent: boolean;
}

/** Undefined for anything that is not three parts with a JSON object as claims. */
export function readJwt(token: string | undefined): ReadJwt | undefined {
  const parts = (token ?? '').split('.');
  if (parts.length !== 3) return undefined;
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(token as string) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  return { header: headerOf(token as string), claims, signaturePresent: parts[2].length > 0 };
}

/** A broken header still leaves the claims worth showing. */
function headerOf(token: string): Record<string, unknown> {
  try {
    return decodeProtectedHeader(token) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** One claim, when present. */
export function claimOf(token: string | undefined, name: string): unknown {
  return readJwt(token)?.claims[name];
}
