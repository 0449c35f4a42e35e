// The folder the tests and the bench keep their keys in is this user's alone: another user's, a link or one that
// others may write is refused with the way out, never used.
import assert from '../support/assert.ts';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { privateTempFolder } from '../support/privateFolder.ts';

describe('privateTempFolder', () => {
  const uid = process.getuid?.() ?? 0;
  let tmp = '';
  let savedTmpdir: string | undefined;
  const mine = () => path.join(tmp, `shared-keys-${uid}`);
  beforeEach(() => {
    savedTmpdir = process.env.TMPDIR;
    tmp = mkdtempSync(path.join(os.tmpdir(), 'private-folder-'));
    process.env.TMPDIR = tmp; // os.tmpdir() reads it at each call
  });
  afterEach(() => {
    if (savedTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmpdir;
    rmSync(tmp, { recursive: true, force: true });
  });

  test('is made per user, readable by its owner only, and found again', () => {
    const folder = privateTempFolder('shared-keys');
    assert.equal(folder, mine());
    assert.equal(statSync(folder).mode & 0o777, 0o700);
    assert.equal(privateTempFolder('shared-keys'), folder);
    // One of this user's that others may read is closed to them.
    chmodSync(folder, 0o755);
    privateTempFolder('shared-keys');
    assert.equal(statSync(folder).mode & 0o777, 0o700);
  });

  test('refuses a link in its place (the files would land where the link points)', () => {
    mkdirSync(path.join(tmp, 'elsewhere'));
    symlinkSync(path.join(tmp, 'elsewhere'), mine());
    assert.throws(
      () => privateTempFolder('shared-keys'),
      /is not a private folder of this user .*a link\): remove it, or set TMPDIR/,
    );
  });

  test('refuses one that others may write', () => {
    mkdirSync(mine());
    chmodSync(mine(), 0o777);
    assert.throws(() => privateTempFolder('shared-keys'), /mode 777\): remove it, or set TMPDIR/);
  });

  test("refuses another user's", () => {
    // Seen as the user one uid along, a folder of this user's is another user's.
    const other = uid + 1;
    mkdirSync(path.join(tmp, `shared-keys-${other}`), { mode: 0o700 });
    assert.throws(
      () => privateTempFolder('shared-keys', other),
      new RegExp(`\\(owner uid ${uid}, mode 700\\): remove it, or set TMPDIR`),
    );
  });
});
