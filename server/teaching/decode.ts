// Decodes JWTs for display (never trusting them): header, claims with their meaning for this kind of token,
// times as dates, expiry.
import { readJwt } from '../jwt.ts';

export type JwtKind = 'assertion' | 'id_token';

export interface DecodedClaim {
  name: string;
  value: string;
  meaning: string;
  /** For a time claim (exp, iat, nbf, auth_time): the date it stands for, ISO 8601. */
  date?: string;
}

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: DecodedClaim[];
  /** Seconds since the epoch, when the token has an exp claim. */
  exp?: number;
  signaturePresent: boolean;
}

/** What each claim means in a JWT bearer assertion: this app's request to Salesforce. */
const ASSERTION: Record<string, string> = {
  iss: 'Issuer: the consumer key of the app that signed the assertion.',
  sub: 'Subject: the Salesforce username the app asks to act as.',
  prn: 'Legacy name of sub; if both are present, Salesforce uses prn.',
  aud: 'Audience: the login host the assertion is for: https://login.salesforce.com, https://test.salesforce.com for a sandbox, or an Experience Cloud site URL; never My Domain.',
  exp: 'Expiry, in seconds since 1970. Salesforce wants assertions to expire within 3 minutes.',
  iat: 'Issued at, in seconds since 1970 (added by the signing library; Salesforce does not require it).',
  nbf: 'Not valid before, in seconds since 1970.',
  jti: 'A unique id for this assertion (added by the signing library).',
};

/**
 * What each claim means in an OpenID Connect id_token: Salesforce's statement about who signed in. exp and aud follow
 * the app's ID token settings (salesforce-wire-flows.md §8.2: validity 1–720 minutes, default 2; extra audiences).
 */
const ID_TOKEN: Record<string, string> = {
  iss: 'Issuer: the Salesforce host that issued the id_token (login host, My Domain or site URL); it must match the discovery document.',
  sub: 'Subject: the identity URL of the user who signed in.',
  aud: 'Audience: the consumer key of the app the id_token was issued to, plus any extra audiences set in the app’s ID token settings; this app must be among them.',
  exp: 'Expiry, in seconds since 1970: the id_token proves the login only at the moment it arrives; it lives 2 minutes by default (the app’s ID token settings allow 1 to 720 minutes).',
  iat: 'Issued at, in seconds since 1970: when Salesforce made this id_token.',
  auth_time: 'When the user last authenticated, in seconds since 1970.',
  nonce: 'The random value this app sent at authorize; it must come back unchanged.',
  at_hash: 'Half of a SHA-256 of the access token, binding the id_token to it.',
  c_hash: 'Half of a SHA-256 of the authorization code, binding the id_token to it.',
  jti: 'A unique id for this id_token.',
  custom_attributes: 'Custom attributes configured on the app, if any.',
  name: 'The user’s full name.',
  email: 'The user’s email address.',
  preferred_username: 'The user’s Salesforce username.',
};

const MEANINGS: Record<JwtKind, Record<string, string>> = { assertion: ASSERTION, id_token: ID_TOKEN };
const UNKNOWN: Record<JwtKind, string> = {
  assertion: 'A claim Salesforce does not read in an assertion.',
  id_token: 'A claim Salesforce added to this id_token.',
};
const TIME_CLAIMS = new Set(['exp', 'iat', 'nbf', 'auth_time']);

const seconds = (value: unknown) =>
  typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;

/** A time claim's date; values past 1e12 are milliseconds sent by mistake, shown as the date they would be. */
function dateOf(value: unknown): string | undefined {
  const s = seconds(value);
  if (!Number.isFinite(s) || s < 0 || s > 8.64e12) return undefined;
  return new Date(s * 1000).toISOString();
}

export function decodeJwt(token: string | undefined, kind: JwtKind): DecodedJwt | undefined {
  const read = readJwt(token);
  if (!read) return undefined;
  const { claims } = read;
  const exp = seconds(claims.exp);
  return {
    header: read.header,
    claims: Object.entries(claims).map(([name, value]) => ({
      name,
      value: typeof value === 'string' ? value : JSON.stringify(value),
      meaning: MEANINGS[kind][name] ?? UNKNOWN[kind],
      date: TIME_CLAIMS.has(name) ? dateOf(value) : undefined,
    })),
    exp: Number.isFinite(exp) ? exp : undefined,
    signaturePresent: read.signaturePresent,
  };
}
