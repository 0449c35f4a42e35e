// JWT bearer flow (RFC 7523; Salesforce: help.salesforce.com, "OAuth 2.0 JWT Bearer Flow for Server-to-Server
// Integration"): sign a short assertion with the app's private key and trade it for an access token.
import { generateKeyPairSync } from 'node:crypto';
import njwt from 'njwt';
import type { Config } from '../config.ts';
import type { BreakSwitch } from '../salesforce/attempt.ts';
import { parseTokenSet, type TokenSet } from '../salesforce/tokens.ts';

export const JWT_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Salesforce asks for an expiry "within 3 minutes"; a shorter-lived assertion is worth less to a thief. */
export const ASSERTION_LIFETIME_S = 180;

export interface JwtRequestInput {
  config: Pick<Config, 'clientId' | 'username' | 'audience'>;
  privateKeyPem: string;
  nowMs: number;
  faults?: readonly BreakSwitch[];
}

export interface JwtRequest {
  assertion: string;
  claims: { iss: string; sub: string; aud: string; exp: number };
  form: Record<string, string>;
}

/** Builds and signs the assertion (RS256 via njwt) and the token request that carries it. */
export function buildRequest({ config, privateKeyPem, nowMs, faults = [] }: JwtRequestInput): JwtRequest {
  const now = Math.floor(nowMs / 1000);
  const claims = {
    iss: config.clientId,
    sub: config.username,
    aud: faults.includes('wrong-aud') ? 'https://wrong-audience.example.com' : config.audience,
    exp: faults.includes('expired-exp') ? now - 300 : now + ASSERTION_LIFETIME_S,
  };
  const key = faults.includes('other-key') ? throwawayKey() : privateKeyPem;
  // njwt defaults to HS256 and to exp = now + 1 h: both are set explicitly here.
  const jwt = njwt.create({ iss: claims.iss, sub: claims.sub, aud: claims.aud }, key, 'RS256');
  jwt.setExpiration(claims.exp * 1000);
  const assertion = jwt.compact();
  return { assertion, claims, form: { grant_type: JWT_GRANT_TYPE, assertion } };
}

/** The JWT bearer response: access_token, scope, instance_url, id, token_type; never a refresh token. */
export function parseResponse(body: unknown): TokenSet {
  return parseTokenSet(body);
}

/** "Break it: other key": a key whose certificate Salesforce has never seen. */
function throwawayKey(): string {
  return generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
}
