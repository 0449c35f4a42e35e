// A file the app needs and cannot read: a permission problem has a fix of its own (give the file back to this
// user), never "delete it", which would throw away a key a real org's app may already hold the certificate of.
// And the opposite: a private key that others on the machine may read.
import { statSync } from 'node:fs';

export function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

export function isPermissionDenied(code: string): boolean {
  return code === 'EACCES' || code === 'EPERM';
}

export const LET_THIS_USER_READ =
  'give it back to this user with chown (a run with sudo leaves files only root may read), then chmod 600 it';

/**
 * A private key that other users of this machine may read, said at start (ssh refuses such a key; nothing is
 * refused here). Windows has no such mode bits to read.
 */
export function exposedKeyWarning(file: string): string | undefined {
  if (process.platform === 'win32') return undefined;
  let mode: number;
  try {
    mode = statSync(file).mode & 0o777;
  } catch {
    return undefined; // its own check says what is wrong with a key that cannot be read
  }
  if ((mode & 0o077) === 0) return undefined;
  return `${file} is a private key other users of this machine may read (mode ${mode.toString(8)}): chmod 600 ${file}`;
}
