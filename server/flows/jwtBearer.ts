// JWT bearer flow (RFC 7523; Salesforce: help.salesforce.com, "OAuth 2.0 JWT Bearer Flow for Server-to-Server
// Integration"): sign a short assertion with the app's private key and trade it for an access token.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import njwt from 'njwt';
import { FlowError, type Check, type Fault } from '../attempts/attempt.ts';
import { checkKeyMatchesCertificate } from '../certs.ts';
import type { Config } from '../config.ts';
import { containsPrivateKey } from '../pem.ts';
import type { TokenSet } from '../salesforce/tokens.ts';
import type { FlowContext } from './context.ts';
import { checkHosts } from './responseChecks.ts';

export const JWT_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Salesforce asks for an expiry "within 3 minutes"; a shorter-lived assertion is worth less to a thief. */
export const ASSERTION_LIFETIME_S = 180;

export interface JwtRequestInput {
  config: Pick<Config, 'clientId' | 'username' | 'audience'>;
  privateKeyPem: string;
  nowMs: number;
  faults?: readonly Fault[];
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

/** Reads the app's private key and signs the assertion: everything a Run does before it sends anything. */
export function signedRequest(
  config: JwtRequestInput['config'] & Pick<Config, 'jwtKeyFile'>,
  nowMs: number,
  faults: readonly Fault[] = [],
): JwtRequest {
  return buildRequest({ config, privateKeyPem: readKey(config.jwtKeyFile), nowMs, faults });
}

/** The whole flow: read the key, sign the assertion, POST it to the token endpoint. */
export async function requestToken(ctx: FlowContext, faults: readonly Fault[]): Promise<TokenSet> {
  const request = signedRequest(ctx.config, ctx.now(), faults);
  ctx.log.jwt('assertion', request.assertion);
  const tokens = await ctx.api.token(request.form, ctx.log.entry);
  checkHosts(ctx, tokens);
  return tokens;
}

/** Before anything is sent: the private key must be the partner of the certificate uploaded to the app. */
export function keyMatchesCertificate(keyFile: string, certFile: string): Check {
  const check = (passed: boolean, detail: string): Check => ({
    id: 'key-certificate',
    label: 'key and certificate check',
    passed,
    detail,
    why: 'Salesforce verifies the assertion with the certificate on the app; a key from another pair fails with invalid assertion.',
  });
  try {
    checkKeyMatchesCertificate({ keyFile, certFile });
    return check(true, `${path.basename(keyFile)} is the private half of ${path.basename(certFile)}.`);
  } catch (error) {
    return check(false, error instanceof Error ? error.message : String(error));
  }
}

/** The PEM mistakes learners make most, named before Salesforce would only say "invalid assertion". */
function readKey(file: string): string {
  const pem = readFileSync(file, 'utf8');
  if (/ENCRYPTED/.test(pem)) {
    throw new FlowError('pem_error', 'the private key is encrypted: use an unencrypted PEM key');
  }
  if (!containsPrivateKey(pem)) {
    throw new FlowError('pem_error', 'no start line: the key file is not a PEM private key');
  }
  return pem;
}

/** "Break it: other key": a key whose certificate Salesforce has never seen. */
function throwawayKey(): string {
  return generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
}
