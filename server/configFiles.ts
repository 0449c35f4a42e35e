// Configuration that points at files: the JWT signing key of one's own and an extra CA certificate, each checked
// before anything listens, so a wrong one stops start-up with the variable named. (The data folder: configDataDir.ts.)
import { createPrivateKey } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Mode } from './configTypes.ts';
import { ConfigError, fail, parsePath } from './configValues.ts';
import { errorCode, isPermissionDenied, LET_THIS_USER_READ } from './fileAccess.ts';
import { orgOnThisMachine } from './hostKinds.ts';
import { isCertificatePem } from './pem.ts';

/** An RSA key of 16,384 bits in PEM is under 13 KB: anything past this is not a key, and is not read whole. */
const MAX_KEY_FILE_BYTES = 64 * 1024;

/** A key file of one's own: readable, and the unencrypted PEM private key the JWT flow signs with. */
export function checkSigningKey(name: string, file: string): void {
  let pem: string | undefined;
  try {
    const stats = statSync(file);
    if (stats.isFile() && stats.size > MAX_KEY_FILE_BYTES) {
      fail(
        name,
        `points to ${file}, of ${stats.size} bytes: too large to be a key file; set it to the key file`,
      );
    }
    pem = stats.isFile() ? readFileSync(file, 'utf8') : undefined;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = errorCode(error);
    fail(
      name,
      isPermissionDenied(code)
        ? `points to ${file}, which cannot be read (${code}): ${LET_THIS_USER_READ}`
        : `points to ${file}, which cannot be read (${code}): fix the path or remove it to use certs/jwt.key`,
    );
  }
  if (pem === undefined) fail(name, `points to ${file}, which is not a file: set it to the key file`);
  // The mix-up learners make most: the certificate (uploaded to the app) given where the private key belongs.
  if (isCertificatePem(pem)) {
    fail(
      name,
      `points to ${file}, which is a certificate, the half uploaded to the app: point it to the private key that ` +
        'signs (certs/jwt.key, or the .key file made with your certificate)',
    );
  }
  const encrypted = /ENCRYPTED/.test(pem);
  // A key copied out of an environment variable or a JSON string can keep its line breaks escaped, which no PEM
  // reader takes: the right key, unreadable, so the cause is named rather than "not a key".
  const flattened = /-----\\n/.test(pem);
  try {
    if (createPrivateKey(pem).asymmetricKeyType !== 'rsa') throw new Error('not RSA');
  } catch {
    fail(
      name,
      `points to ${file}, which is not an unencrypted PEM RSA private key (PKCS#8 or PKCS#1, without a passphrase): ` +
        (encrypted ? 'decrypt it with openssl pkey, or ' : '') +
        (flattened
          ? `its line breaks are the two characters \\n (as an environment variable or a JSON string writes them): put real line breaks back (printf '%b' "$THE_VARIABLE" > key.pem), or `
          : '') +
        (encrypted || flattened ? '' : 'point it to one, or ') +
        'remove SF_JWT_KEY_FILE to use certs/jwt.key',
    );
  }
}

/**
 * NODE_EXTRA_CA_CERTS, which Node itself reads only from the shell (a .env file sets it too late): read here too,
 * so that the calls to a real org trust the certificate it names wherever it was set.
 */
export function readExtraCa(file: string | undefined, rootDir: string): string | undefined {
  if (!file) return undefined;
  parsePath('NODE_EXTRA_CA_CERTS', file);
  const resolved = path.resolve(rootDir, file);
  let pem = '';
  try {
    pem = readFileSync(resolved, 'utf8');
  } catch {
    fail('NODE_EXTRA_CA_CERTS', `points to ${resolved}, which cannot be read: fix the path, or remove it`);
  }
  if (!isCertificatePem(pem)) {
    fail(
      'NODE_EXTRA_CA_CERTS',
      `points to ${resolved}, which holds no PEM certificate: point it to the root certificate to trust (-----BEGIN CERTIFICATE-----)`,
    );
  }
  return pem;
}

/**
 * Org mode against an org on this machine (npm run emulator, most often) with no NODE_EXTRA_CA_CERTS: such an org's
 * certificate is a local one that Node does not trust, so every call to it would fail. Said at start rather than at
 * the first flow; it stays a warning, as this machine may trust that certificate by other means.
 */
export function localOrgTrustWarning(mode: Mode, loginUrl: string, extraCaFile?: string): string | undefined {
  if (extraCaFile || !orgOnThisMachine({ mode, loginUrl })) return undefined;
  return `SF_LOGIN_URL ${loginUrl} is on this machine and NODE_EXTRA_CA_CERTS is not set: calls to it fail on its certificate unless this machine already trusts it. For an emulator started with npm run emulator in this folder, add NODE_EXTRA_CA_CERTS=certs/server.crt to .env and restart.`;
}
