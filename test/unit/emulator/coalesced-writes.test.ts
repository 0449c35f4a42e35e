// A state file that cannot be written at start-up says which file, why, and the variable that moves it, instead of
// a bare "ENOSPC: no space left on device, write".
import assert from '../../support/assert.ts';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { CoalescedWrites } from '../../../server/emulator/coalescedWrites.ts';

test('a write that fails names the file, its reason and EMULATOR_DATA_DIR, and leaves no temporary file', () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'writes-'));
  try {
    const blocked = path.join(folder, 'data');
    writeFileSync(blocked, 'a file where the data folder belongs');
    const writes = new CoalescedWrites(path.join(blocked, 'emulator-state.json'), () => '{}');
    assert.throws(() => writes.writeNow(), {
      message: new RegExp(
        `^${blocked}/emulator-state\\.json could not be written \\((EEXIST|ENOTDIR)\\): set EMULATOR_DATA_DIR to a folder this user can write$`,
      ),
    });
    assert.deepEqual(readdirSync(folder), ['data']);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
