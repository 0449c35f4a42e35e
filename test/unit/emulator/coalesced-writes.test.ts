// A state file that cannot be written at start-up says which file, why, and the variable that moves it, instead of
// a bare "ENOSPC: no space left on device, write"; a failed write, at start-up or later, leaves no temporary file.
import assert from '../../support/assert.ts';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

test('a coalesced write whose rename is refused leaves no temporary file, and close() says the change is unsaved', async () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'writes-'));
  try {
    // A folder in the file's place refuses the rename (as another user's file in a sticky folder does) after the
    // temporary file was written in full.
    const file = path.join(folder, 'rest-records.json');
    mkdirSync(path.join(file, 'inside'), { recursive: true });
    const writes = new CoalescedWrites(file, () => '{}', 1);
    writes.changed();
    await assert.rejects(() => writes.close(), {
      message: new RegExp(`^changes to ${file} could not be saved \\((EISDIR|ENOTEMPTY|EEXIST)\\)$`),
    });
    assert.deepEqual(readdirSync(folder), ['rest-records.json']);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
