// Creates the local TLS certificate and the JWT signing key pair on first start, without openssl.
// TLS and JWT signing use separate keys on purpose: a key should have one job.
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { whileLocked } from './folderLock.ts';

export interface KeyPairFiles {
  readonly keyFile: string;
  readonly certFile: string;
}

export interface CertificateFiles {
  readonly server: KeyPairFiles;
  readonly jwt: KeyPairFiles;
  /** Files made on this start, so the caller can say so. */
  readonly created: string[];
}

/** A certificate or key file that is missing, unreadable or does not belong with its partner. */
export class CertificateError extends Error {
  override name = 'CertificateError';
}

const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

export async function ensureCertificates(certsDir: string): Promise<CertificateFiles> {
  try {
    return await ensureIn(certsDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof CertificateError || !code) throw error;
    // A file where the folder should be, or a folder this user cannot write: said in those words, not as errno.
    throw new CertificateError(
      `${certsDir} cannot hold the generated keys (${code}): make it a folder this user can write, or put server.key/crt and jwt.key/crt there yourself`,
    );
  }
}

async function ensureIn(certsDir: string): Promise<CertificateFiles> {
  mkdirSync(certsDir, { recursive: true });
  const created: string[] = [];
  const server = pairIn(certsDir, 'server');
  const jwt = pairIn(certsDir, 'jwt');
  if (await createIfMissing(server, 'localhost', true)) created.push(server.keyFile, server.certFile);
  if (await createIfMissing(jwt, 'Salesforce OAuth Playground JWT signing', false)) {
    created.push(jwt.keyFile, jwt.certFile);
  }
  for (const pair of [server, jwt]) checkKeyMatchesCertificate(pair);
  return { server, jwt, created };
}

function pairIn(dir: string, name: string): KeyPairFiles {
  return { keyFile: path.join(dir, `${name}.key`), certFile: path.join(dir, `${name}.crt`) };
}

async function createIfMissing(pair: KeyPairFiles, commonName: string, forTls: boolean): Promise<boolean> {
  if (existsSync(pair.keyFile) && existsSync(pair.certFile)) return false;
  // Two processes starting at once on a fresh folder (the test groups of a first `npm test`, two starts) would
  // otherwise both make the pair: the slower one then fails on the files the faster one wrote, or takes a key whose
  // certificate is still being written for a lone key. One makes it; the others then find it made.
  return whileLocked(`${pair.keyFile}.making`, () => createUnlessPresent(pair, commonName, forTls));
}

async function createUnlessPresent(
  pair: KeyPairFiles,
  commonName: string,
  forTls: boolean,
): Promise<boolean> {
  const hasKey = existsSync(pair.keyFile);
  const hasCert = existsSync(pair.certFile);
  if (hasKey && hasCert) return false;
  if (hasKey !== hasCert) {
    const present = hasKey ? pair.keyFile : pair.certFile;
    throw new CertificateError(
      `${present} exists without its partner: restore the missing file, or delete ${present} to generate a new pair`,
    );
  }
  // Loaded only when a pair is missing: most starts find theirs on disk.
  const { default: selfsigned } = await import('selfsigned');
  const now = new Date();
  const pems = await selfsigned.generate([{ name: 'commonName', value: commonName }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate: new Date(now.getTime() + TEN_YEARS_MS),
    extensions: forTls ? tlsExtensions() : signingExtensions(),
  });
  // 'wx' never overwrites a file that appeared meanwhile; 0600 keeps the private key to its owner.
  writeFileSync(pair.keyFile, pems.private, { mode: 0o600, flag: 'wx' });
  writeFileSync(pair.certFile, pems.cert, { mode: 0o644, flag: 'wx' });
  return true;
}

function tlsExtensions() {
  return [
    { name: 'basicConstraints' as const, cA: false },
    { name: 'keyUsage' as const, digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage' as const, serverAuth: true },
    {
      name: 'subjectAltName' as const,
      altNames: [
        { type: 2 as const, value: 'localhost' },
        { type: 7 as const, ip: '127.0.0.1' },
        { type: 7 as const, ip: '::1' },
      ],
    },
  ];
}

function signingExtensions() {
  return [
    { name: 'basicConstraints' as const, cA: false },
    { name: 'keyUsage' as const, digitalSignature: true },
  ];
}

/** Throws a CertificateError unless the key file holds the private half of the certificate's public key. */
export function checkKeyMatchesCertificate(pair: KeyPairFiles): void {
  const keyPem = readText(pair.keyFile);
  const certPem = readText(pair.certFile);
  let keyPublic: string;
  let certPublic: string;
  try {
    keyPublic = publicKeyOf(keyPem);
  } catch {
    throw new CertificateError(`${pair.keyFile} is not a readable, unencrypted PEM private key`);
  }
  try {
    certPublic = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'pem' }).toString();
  } catch {
    throw new CertificateError(`${pair.certFile} is not a PEM X.509 certificate`);
  }
  if (keyPublic !== certPublic) {
    throw new CertificateError(
      `${pair.keyFile} does not match ${pair.certFile}: use the key the certificate was made from, or delete both to generate a new pair`,
    );
  }
}

export function publicKeyOf(privateKeyPem: string): string {
  return createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }).toString();
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new CertificateError(
      `${file} cannot be read: check its permissions, or delete it to generate a new one`,
    );
  }
}
