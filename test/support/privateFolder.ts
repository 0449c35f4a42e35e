// A folder under the OS temp folder that belongs to this user alone, for what the tests and the bench share between
// runs (keys, certificates): one per user, so a machine's other users neither block it nor plant files in it.
import { chmodSync, lstatSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * `<tmp>/<name>-<uid>`, made with mode 0700. One that is a link, another user's or writable by others is refused
 * rather than used: anyone could then swap the keys or certificates the tests trust for their own.
 */
export function privateTempFolder(name: string, uid = process.getuid?.()): string {
  const folder = path.join(os.tmpdir(), uid === undefined ? name : `${name}-${uid}`);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const stat = lstatSync(folder);
  const othersMayWrite = (stat.mode & 0o022) !== 0;
  if (!stat.isDirectory() || (uid !== undefined && (stat.uid !== uid || othersMayWrite))) {
    throw new Error(
      `${folder} is not a private folder of this user (owner uid ${stat.uid}, mode ${(stat.mode & 0o777).toString(8)}${stat.isSymbolicLink() ? ', a link' : ''}): remove it, or set TMPDIR to a folder of your own`,
    );
  }
  // One of this user's own that others may read (made by hand, or by an older run) is closed to them.
  if (uid !== undefined && (stat.mode & 0o077) !== 0) chmodSync(folder, 0o700);
  return folder;
}
