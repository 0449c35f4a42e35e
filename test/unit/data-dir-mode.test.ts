// The emulator's data folder, when start-up makes it, is this user's alone: it holds the org's signing key, token
// hashes and records, and its file names and their changes are nobody else's business either.
import assert from '../support/assert.ts';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { checkDataDir } from '../../server/configDataDir.ts';

describe('the data folder start-up makes', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'data-dir-mode-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  test('is made private (0700), whatever the umask lets other folders be', () => {
    const dir = path.join(root, 'made', 'data');
    const umask = process.umask(0o022);
    try {
      checkDataDir(dir);
    } finally {
      process.umask(umask);
    }
    assert.equal((statSync(dir).mode & 0o777).toString(8), '700');
  });
});
