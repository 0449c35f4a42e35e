// Checks of the certificate and key files, on every start: each pair belongs together, and the HTTPS certificate is
// current and names the hosts it serves. Every failure says which file, and how to fix it.
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { errorCode, isPermissionDenied, LET_THIS_USER_READ } from './fileAccess.ts';

export interface KeyPairFiles {
  readonly keyFile: string;
  readonly certFile: string;
}

/** A certificate or key file that is missing, unreadable or does not belong with its partner. */
export class CertificateError extends Error {
  override name = 'CertificateError';
}

/** Throws a CertificateError unless the key file holds the private half of the certificate's public key. */
export function checkKeyMatchesCertificate(pair: KeyPairFiles): void {
  const keyPem = readPemFile(pair.keyFile);
  const certPem = readPemFile(pair.certFile);
  let keyPublic: string;
  let certPublic: string;
  try {
    keyPublic = publicKeyOf(keyPem);
  } catch {
    throw new CertificateError(
      `${pair.keyFile} is not a readable, unencrypted PEM private key: restore it, or delete it and ${pair.certFile} to generate a new pair`,
    );
  }
  try {
    certPublic = certificateKeyOf(certPem);
  } catch {
    throw new CertificateError(
      `${pair.certFile} is not a PEM X.509 certificate: restore it, or delete it and ${pair.keyFile} to generate a new pair`,
    );
  }
  if (keyPublic !== certPublic) {
    // The JWT page's OpenSSL line writes a key of one's own's certificate to jwt.crt: without SF_JWT_KEY_FILE, that.
    const ownKeys = pair.certFile.endsWith('jwt.crt')
      ? " (a jwt.crt made for a key of your own, as the JWT page prints, is that key's: set SF_JWT_KEY_FILE to it again)"
      : '';
    throw new CertificateError(
      `${pair.keyFile} does not match ${pair.certFile}: use the key the certificate was made from${ownKeys}, or delete both to generate a new pair`,
    );
  }
}

/** The HTTPS certificate must be current and name localhost, or every browser and client refuses it. */
export function checkServesLocalhost(certFile: string): void {
  const cert = new X509Certificate(readPemFile(certFile));
  const fix = `delete ${certFile} and its key to generate a new pair`;
  if (Date.parse(cert.validTo) < Date.now()) {
    throw new CertificateError(`${certFile} expired on ${cert.validTo}: ${fix}`);
  }
  if (Date.parse(cert.validFrom) > Date.now()) {
    throw new CertificateError(`${certFile} is not valid until ${cert.validFrom}: ${fix}`);
  }
  if (!cert.checkHost('localhost') || !cert.checkIP('127.0.0.1')) {
    throw new CertificateError(`${certFile} is not for localhost and 127.0.0.1: ${fix}`);
  }
}

/** The JWT signing pair must be RSA: Salesforce verifies RS256 assertions, which an EC or Ed25519 key cannot make. */
export function checkRsaPair(pair: KeyPairFiles): void {
  const type = createPrivateKey(readPemFile(pair.keyFile)).asymmetricKeyType;
  if (type !== 'rsa') {
    throw new CertificateError(
      `${pair.keyFile} is an ${type?.toUpperCase()} key, and Salesforce verifies RS256 assertions, which need RSA: delete it and ${pair.certFile} to generate an RSA pair`,
    );
  }
}

/** Whether the key file holds the private half of this certificate (false when either cannot be read). */
export function keyFitsCertificate(keyFile: string, certPem: string): boolean {
  try {
    return publicKeyOf(readFileSync(keyFile, 'utf8')) === certificateKeyOf(certPem);
  } catch {
    return false;
  }
}

/** A certificate's public key, in the form publicKeyOf gives a private key's. */
function certificateKeyOf(certPem: string): string {
  return new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

export function publicKeyOf(privateKeyPem: string): string {
  return createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }).toString();
}

/** A key or certificate file's text, or a CertificateError naming the file and the fix. */
export function readPemFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = errorCode(error);
    // A pair is made again only whole: deleting one half leaves the other refused as a partner without its half.
    const partner = file.endsWith('.key') ? file.replace(/\.key$/, '.crt') : file.replace(/\.crt$/, '.key');
    throw new CertificateError(
      isPermissionDenied(code)
        ? `${file} cannot be read (${code}): ${LET_THIS_USER_READ}`
        : `${file} cannot be read (${code}): restore it, or delete it and ${partner} to generate a new pair`,
    );
  }
}
