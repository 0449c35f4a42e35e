// JWT bearer flow (RFC 7523; Salesforce: help.salesforce.com, "OAuth 2.0 JWT Bearer Flow for Server-to-Server
// Integration"): sign a short assertion with the app's private key and trade it for an access token.
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import njwt from 'njwt';
import { FlowError, type Fault } from '../attempts/attempt.ts';
import type { Config } from '../config.ts';
import { errorCode, isPermissionDenied, LET_THIS_USER_READ } from '../fileAccess.ts';
import { containsPrivateKey } from '../pem.ts';
import type { TokenSet } from '../salesforce/tokens.ts';
import type { FlowContext } from './context.ts';
import { checkHosts } from './responseChecks.ts';

export const JWT_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** The aud of the "break it" switch that sends a wrong audience. */
export const WRONG_AUDIENCE = 'https://wrong-audience.example.com';
/** Salesforce asks for an expiry "within 3 minutes"; a shorter-lived assertion is worth less to a thief. */
export const ASSERTION_LIFETIME_S = 180;

export interface JwtRequestInput {
  config: Pick<Config, 'clientId' | 'username' | 'audience'>;
  privateKey: KeyObject;
  nowMs: number;
  faults?: readonly Fault[];
}

export interface JwtRequest {
  assertion: string;
  claims: { iss: string; sub: string; aud: string; exp: number };
  form: Record<string, string>;
}

/** Builds and signs the assertion (RS256 via njwt) and the token request that carries it. */
export function buildRequest({ config, privateKey, nowMs, faults = [] }: JwtRequestInput): JwtRequest {
  const now = Math.floor(nowMs / 1000);
  const claims = {
    iss: config.clientId,
    sub: config.username,
    aud: faults.includes('wrong-aud') ? WRONG_AUDIENCE : config.audience,
    exp: faults.includes('expired-exp') ? now - 300 : now + ASSERTION_LIFETIME_S,
  };
  const key = faults.includes('other-key') ? throwawayKey() : privateKey;
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
  return buildRequest({ config, privateKey: signingKey(config.jwtKeyFile), nowMs, faults });
}

/** The whole flow: read the key, sign the assertion, POST it to the token endpoint. */
export async function requestToken(ctx: FlowContext, faults: readonly Fault[]): Promise<TokenSet> {
  const request = signedRequest(ctx.config, ctx.now(), faults);
  ctx.log.jwt('assertion', request.assertion);
  const tokens = await ctx.api.token(request.form, ctx.log.entry);
  checkHosts(ctx, tokens);
  return tokens;
}

/** Answers worked out from files, kept while the files stay the same (see fileVersion). */
const parsedKeys = new Map<string, { version: string; key: KeyObject }>();

/**
 * Which version of a file is on disk: inode, size and modification time change whenever it is replaced or edited,
 * so a regenerated key is picked up at once while an unchanged one costs a stat, not a parse.
 */
export function fileVersion(file: string): string {
  try {
    const { ino, size, mtimeMs } = statSync(file);
    return `${ino}:${size}:${mtimeMs}`;
  } catch {
    return 'unreadable';
  }
}

/** The app's private key, parsed once per version of the file: parsing costs three times the signing. */
export function signingKey(file: string): KeyObject {
  const version = fileVersion(file);
  const cached = parsedKeys.get(file);
  if (cached?.version === version && version !== 'unreadable') return cached.key;
  const pem = readKey(file);
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new FlowError('pem_error', 'the key file holds a PEM block that is not a readable private key');
  }
  parsedKeys.set(file, { version, key });
  return key;
}

/** The PEM mistakes learners make most, named before Salesforce would only say "invalid assertion". */
function readKey(file: string): string {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    // Moved, deleted, made a folder or unreadable since the app started: nothing was sent, so Salesforce's answer
    // has no part in it.
    const code = errorCode(error);
    throw new FlowError(
      'pem_error',
      isPermissionDenied(code)
        ? `the signing key file ${file} cannot be read (${code}): ${LET_THIS_USER_READ}`
        : `the signing key file ${file} cannot be read (${code}): restore it; or, for the pair in certs/, delete jwt.key and jwt.crt and restart to make a new pair (a real org's app then needs the new jwt.crt uploaded)`,
    );
  }
  if (/ENCRYPTED/.test(pem)) {
    throw new FlowError('pem_error', 'the private key is encrypted: use an unencrypted PEM key');
  }
  if (!containsPrivateKey(pem)) {
    throw new FlowError('pem_error', 'no start line: the key file is not a PEM private key');
  }
  return pem;
}

/** Made once per process: a new 2048-bit key costs 100–300 ms of CPU, during which the server answers nobody. */
let throwaway: KeyObject | undefined;

/** "Break it: other key": a key whose certificate Salesforce has never seen (one unknown key is as good as another). */
function throwawayKey(): KeyObject {
  throwaway ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  return throwaway;
}
