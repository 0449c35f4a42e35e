// A file the app needs and cannot read: a permission problem has a fix of its own (give the file back to this
// user), never "delete it", which would throw away a key a real org's app may already hold the certificate of.
export function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

export function isPermissionDenied(code: string): boolean {
  return code === 'EACCES' || code === 'EPERM';
}

export const LET_THIS_USER_READ =
  'let this user read it (chown it to this user, or chmod 600 it as its owner; a run with sudo leaves files only root may read)';
