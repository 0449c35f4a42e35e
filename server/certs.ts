// Creates the local TLS certificate and the JWT signing key pair on first start, without openssl.
// TLS and JWT signing use separate keys on purpose: a key should have one job.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  CertificateError,
  checkKeyMatchesCertificate,
  checkRsaPair,
  checkServesLocalhost,
  type KeyPairFiles,
} from './certChecks.ts';
import { whileLocked } from './folderLock.ts';

export { CertificateError, checkKeyMatchesCertificate, type KeyPairFiles } from './certChecks.ts';

export interface CertificateFiles {
  readonly server: KeyPairFiles;
  readonly jwt: KeyPairFiles;
  /** Files made on this start, so the caller can say so. */
  readonly created: string[];
}

const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

/** `jwtKeyFile`: the key that signs (SF_JWT_KEY_FILE); another than certs/jwt.key leaves jwt.crt to be its partner. */
export async function ensureCertificates(certsDir: string, jwtKeyFile?: string): Promise<CertificateFiles> {
  try {
    return await ensureIn(certsDir, jwtKeyFile);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof CertificateError || !code) throw error;
    // A file where the folder should be, or a folder this user cannot write: said in those words, not as errno.
    const fix =
      code === 'ENOSPC'
        ? 'free some space on its disk'
        : 'make it a folder this user can write, or put server.key/crt and jwt.key/crt there yourself';
    throw new CertificateError(`${certsDir} cannot hold the generated keys (${code}): ${fix}`);
  }
}

async function ensureIn(certsDir: string, jwtKeyFile: string | undefined): Promise<CertificateFiles> {
  mkdirSync(certsDir, { recursive: true });
  const created: string[] = [];
  const server = pairIn(certsDir, 'server');
  const jwt = pairIn(certsDir, 'jwt');
  if (await createIfMissing(server, 'localhost', true)) created.push(server.keyFile, server.certFile);
  if (await createIfMissing(jwt, 'Salesforce OAuth Playground JWT signing', false)) {
    created.push(jwt.keyFile, jwt.certFile);
  }
  checkKeyMatchesCertificate(server);
  // With a key of one's own, jwt.crt is that key's certificate (the JWT page's key check compares them and prints
  // the line that makes one there): the generated jwt.key no longer signs, so it need not be jwt.crt's partner.
  const ownKey = jwtKeyFile !== undefined && path.resolve(jwtKeyFile) !== jwt.keyFile;
  if (!ownKey) checkKeyMatchesCertificate(jwt);
  checkRsaPair(jwt);
  checkServesLocalhost(server.certFile);
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
  try {
    writeFileSync(pair.keyFile, pems.private, { mode: 0o600, flag: 'wx' });
    writeFileSync(pair.certFile, pems.cert, { mode: 0o644, flag: 'wx' });
  } catch (error) {
    // Neither file was there when this start, holding the lock, began: whatever is there now is its own, perhaps
    // empty or half a pair (a full disk, say), which would block every later start with a misleading message.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      for (const file of [pair.keyFile, pair.certFile]) rmSync(file, { force: true });
    }
    throw error;
  }
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
