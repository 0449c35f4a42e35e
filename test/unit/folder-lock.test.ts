// A start waiting for another's lock (two starts making the same keys) says what it waits for after a moment,
// rather than seeming to hang for up to a minute.
import assert from '../support/assert.ts';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { whileLocked } from '../../server/folderLock.ts';

test('waiting on a lock held by a running process is said once, naming the lock and its holder', async () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'lock-'));
  const lock = path.join(folder, 'jwt.key.making');
  mkdirSync(lock);
  writeFileSync(path.join(lock, 'pid'), String(process.pid)); // a live holder: never taken over as stale
  const said: string[] = [];
  const original = console.log;
  console.log = (line: string) => void said.push(line);
  try {
    const done = whileLocked(lock, async () => 'ran');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    assert.deepEqual(said, [
      `Waiting for ${lock}, held by process ${process.pid} (another start making the same files); it is taken over after 60 s if that process is stuck.`,
    ]);
    rmSync(lock, { recursive: true }); // the holder finishes
    assert.equal(await done, 'ran');
    assert.equal(said.length, 1, 'said once');
  } finally {
    console.log = original;
    rmSync(folder, { recursive: true, force: true });
  }
});
