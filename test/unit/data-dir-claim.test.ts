// One emulator per data folder: a claim held by a running process refuses a second start; one left by a process
// that ended (killed outright, and a zombie until reaped) is taken over, by one start at a time; one this user cannot
// use is said.
import assert from '../support/assert.ts';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { takeOverClaim } from '../../server/claimTakeover.ts';
import { claimDataDir, ConfigError } from '../../server/config.ts';
import { messageWhenUnreadable } from '../support/unreadable.ts';

test('a claim by a running process is refused; one by a zombie or an ended process is taken over, then released', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'claim-'));
  const file = path.join(dir, 'in-use.pid');
  // The shell's background child exits after the shell has become `sleep`, which never reaps it: a zombie. (One
  // that exited at once could be reaped by the shell before its exec, on a busy machine: it was, once, in CI.)
  const parent = spawn('sh', ['-c', 'sleep 0.3 & echo $!; exec sleep 20'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  try {
    const [chunk] = await once(parent.stdout, 'data');
    const zombie = Number(String(chunk).trim());
    const state = () => /\) (\S) /.exec(readFileSync(`/proc/${zombie}/stat`, 'utf8'))?.[1];
    for (let tries = 0; tries < 100 && state() !== 'Z'; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(state(), 'Z', 'the child is a zombie');

    writeFileSync(file, String(process.pid));
    assert.throws(
      () => claimDataDir(dir),
      (error: unknown) => error instanceof ConfigError,
    );

    writeFileSync(file, String(zombie));
    const release = claimDataDir(dir);
    assert.equal(readFileSync(file, 'utf8'), String(process.pid));
    release();
    assert.throws(() => readFileSync(file), { code: 'ENOENT' });

    writeFileSync(file, '999999999'); // no such process
    claimDataDir(dir)();
  } finally {
    parent.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a claim this user cannot use (a killed run with sudo left it) is said, naming it and the fix', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'claim-'));
  try {
    const file = path.join(dir, 'in-use.pid');
    writeFileSync(file, '999999999');
    assert.match(
      await messageWhenUnreadable(file, 'server/configDataDir.ts', 'claimDataDir', [dir]),
      new RegExp(
        `^EMULATOR_DATA_DIR holds ${file}, which this user cannot use \\(EACCES\\): give it back to this user with chown`,
      ),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an ended claim is taken over by one start at a time: one mid-takeover, or done since it was read, wins', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'claim-'));
  const file = path.join(dir, 'in-use.pid');
  const guard = `${file}.takeover`;
  try {
    // Another start is taking the ended claim over right now: this one says so, and leaves both as they are.
    writeFileSync(file, '999999999');
    mkdirSync(guard);
    assert.throws(() => claimDataDir(dir), /an emulator starting at the same moment has just claimed/);
    assert.equal(readFileSync(file, 'utf8'), '999999999');
    // A guard left by a start killed mid-takeover (older than any takeover takes) is no obstacle.
    const old = new Date(Date.now() - 60_000);
    utimesSync(guard, old, old);
    claimDataDir(dir)();
    assert.ok(!existsSync(guard), 'the guard is gone once the takeover is done');
    // Read as ended, but claimed by another start since: its fresh claim is not removed.
    writeFileSync(file, String(process.ppid));
    assert.equal(takeOverClaim(file, '999999999', String(process.pid)), 'claimed meanwhile');
    assert.equal(readFileSync(file, 'utf8'), String(process.ppid));
    assert.equal(takeOverClaim(file, String(process.ppid), String(process.pid)), 'taken');
    assert.equal(readFileSync(file, 'utf8'), String(process.pid));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
