// The JWT flow's check before anything is sent: is the signing key the partner of the certificate on the app?
// The page shows it on every view, so each answer is kept while both files stay the same.
import path from 'node:path';
import type { Check } from '../attempts/attempt.ts';
import { checkKeyMatchesCertificate } from '../certs.ts';
import { fileVersion } from './jwtBearer.ts';

const keyChecks = new Map<string, { version: string; check: Check }>();

/**
 * Before anything is sent: the private key must be the partner of the certificate uploaded to the app. The flow
 * page shows this on every view, so the answer is kept until either file changes.
 */
export function keyMatchesCertificate(keyFile: string, certFile: string, mode?: 'emulator' | 'org'): Check {
  const check = keyMatchesCertificateHere(keyFile, certFile);
  // The local emulator is the one org whose app this playground knows: it reads jwt.crt when it starts.
  if (mode !== 'emulator' || !check.passed) return check;
  return {
    ...check,
    detail: `${path.basename(keyFile)} is the private half of ${path.basename(certFile)}, here. The local emulator's app holds the ${path.basename(certFile)} it found when it started, unless another was pasted on its Setup page: after a new one, paste it there or restart.`,
  };
}

function keyMatchesCertificateHere(keyFile: string, certFile: string): Check {
  const version = `${fileVersion(keyFile)}|${fileVersion(certFile)}`;
  const id = `${keyFile}|${certFile}`;
  const cached = keyChecks.get(id);
  if (cached?.version === version) return { ...cached.check };
  const check = compareKeyAndCertificate(keyFile, certFile);
  keyChecks.set(id, { version, check });
  return { ...check };
}

function compareKeyAndCertificate(keyFile: string, certFile: string): Check {
  const check = (passed: boolean, detail: string): Check => ({
    id: 'key-certificate',
    label: 'key and certificate check',
    passed,
    detail,
    why: 'Salesforce verifies the assertion with the certificate on the app; a key from another pair fails with invalid assertion.',
  });
  try {
    checkKeyMatchesCertificate({ keyFile, certFile });
    return check(
      true,
      `${path.basename(keyFile)} is the private half of ${path.basename(certFile)}, here. Which certificate the app in Salesforce holds, this app cannot see: it must be this ${path.basename(certFile)}.`,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A key of one's own (SF_JWT_KEY_FILE) has its own certificate, which this app cannot see: deleting the pair
    // here would not help, and the generated certificate is not the one to upload.
    if (isOwnKey(keyFile, certFile) && /does not match/.test(message)) {
      return check(
        false,
        `${keyFile} (SF_JWT_KEY_FILE) is not the partner of ${path.basename(certFile)}. Upload the certificate made with that key to the app, and put a copy at ${certFile} so this check can compare them. None yet? ${certificateCommand(keyFile, certFile)} makes one there (self-signed, for a year, as Salesforce DX's guide does).`,
      );
    }
    return check(false, message);
  }
}

/** A signing key of one's own (SF_JWT_KEY_FILE), not the generated certs/jwt.key beside the certificate. */
export function isOwnKey(keyFile: string, certFile: string): boolean {
  return keyFile !== path.join(path.dirname(certFile), 'jwt.key');
}

/** OpenSSL's one line for a self-signed certificate of `keyFile` at `certFile`, each path quoted for a POSIX shell. */
export function certificateCommand(keyFile: string, certFile: string): string {
  const quoted = (file: string) => (/^[\w./:@,+%-]+$/.test(file) ? file : `'${file.replace(/'/g, `'\\''`)}'`);
  return `openssl req -new -x509 -sha256 -days 365 -key ${quoted(keyFile)} -subj /CN=jwt-bearer -out ${quoted(certFile)}`;
}
