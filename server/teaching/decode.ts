// Decodes JWTs for display (never trusting them): header, claims with plain-language meaning, expiry.
import { readJwt } from '../jwt.ts';

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: { name: string; value: string; meaning: string }[];
  /** Seconds since the epoch, when the token has an exp claim. */
  exp?: number;
  signaturePresent: boolean;
}

const MEANINGS: Record<string, string> = {
  iss: 'Issuer: for an assertion, the consumer key of the app; for an id_token, the Salesforce host that issued it.',
  sub: 'Subject: for an assertion, the Salesforce username to act as; for an id_token, the identity URL of the user.',
  prn: 'Legacy name of sub; if both are present, Salesforce uses prn.',
  aud: 'Audience: who the token is for. Assertions: https://login.salesforce.com or https://test.salesforce.com. id_tokens: the consumer key.',
  exp: 'Expiry, in seconds since 1970. Salesforce wants assertions to expire within 3 minutes.',
  iat: 'Issued at, in seconds since 1970.',
  nbf: 'Not valid before, in seconds since 1970.',
  jti: 'A unique id for this token, so it can be recognised if replayed.',
  nonce: 'The random value this app sent at authorize; it must come back unchanged.',
  at_hash: 'Half of a SHA-256 of the access token, binding the id_token to it.',
  custom_attributes: 'Custom attributes configured on the app, if any.',
};

export function decodeJwt(token: string | undefined): DecodedJwt | undefined {
  const read = readJwt(token);
  if (!read) return undefined;
  const { claims } = read;
  const exp =
    typeof claims.exp === 'number'
      ? claims.exp
      : typeof claims.exp === 'string'
        ? Number(claims.exp)
        : undefined;
  return {
    header: read.header,
    claims: Object.entries(claims).map(([name, value]) => ({
      name,
      value: typeof value === 'string' ? value : JSON.stringify(value),
      meaning: MEANINGS[name] ?? 'A claim Salesforce does not define for this flow.',
    })),
    exp: Number.isFinite(exp) ? exp : undefined,
    signaturePresent: read.signaturePresent,
  };
}
