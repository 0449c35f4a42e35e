// A state file touched by hand or left by a crash: a byte-order mark an editor added is no reason to start over, a
// field this version cannot read is named in the warning (so the set-aside copy can be mended), and temporary files
// of a run killed mid-write, which hold the signing key and tokens, are removed at start; a data folder removed while
// the emulator runs is made again with its claim.
import assert from '../../support/assert.ts';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loginAndGetToken } from '../../support/emulator-login.ts';
import { queryStatus } from '../../support/emulator-persistence.ts';
import { startTestStack } from '../../support/stack.ts';

const STATE_FILE = 'emulator-state.json';

describe('emulator: a state file touched by hand or by a crash', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sf-emulator-mending-'));
  const warnings: string[] = [];
  const original = console.warn;
  before(() => {
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  });
  after(() => {
    console.warn = original;
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('saved again with a byte-order mark, the state still loads: its tokens still work', async () => {
    let stack = await startTestStack({ EMULATOR_DATA_DIR: dataDir });
    const login = await loginAndGetToken(stack);
    await stack.close();
    const file = path.join(dataDir, STATE_FILE);
    writeFileSync(file, `\uFEFF${readFileSync(file, 'utf8')}`);
    warnings.length = 0;
    stack = await startTestStack({ EMULATOR_DATA_DIR: dataDir });
    try {
      assert.equal(await queryStatus(stack.instanceUrl, login.access_token), 200);
      assert.deepEqual(
        warnings.filter((line) => /not a valid emulator state/.test(line)),
        [],
      );
    } finally {
      await stack.close();
    }
  });

  test('a field this version cannot read is named in the warning that sets the file aside', async () => {
    const file = path.join(dataDir, STATE_FILE);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    saved.settings.refreshTokenPolicy = { kind: 'expire-if-idle-v2', amount: 1, unit: 'HOURS' };
    writeFileSync(file, JSON.stringify(saved));
    warnings.length = 0;
    const stack = await startTestStack({ EMULATOR_DATA_DIR: dataDir });
    await stack.close();
    assert.ok(
      warnings.some((line) =>
        line.includes(
          `${file} is not a valid emulator state: its settings → refreshTokenPolicy → kind is missing or not what this version reads.`,
        ),
      ),
      warnings.join('\n'),
    );
  });

  test('temporary files of a run killed mid-write are removed at start; other files are left alone', async () => {
    const leftovers = [`${STATE_FILE}.4242.tmp`, 'rest-records.json.4243.tmp'].map((name) =>
      path.join(dataDir, name),
    );
    const other = path.join(dataDir, 'notes.tmp');
    for (const file of [...leftovers, other]) writeFileSync(file, '{"signingKey": "…"}');
    const stack = await startTestStack({ EMULATOR_DATA_DIR: dataDir });
    await stack.close();
    for (const file of leftovers) assert.ok(!existsSync(file), `${path.basename(file)} is removed`);
    assert.ok(existsSync(other), 'a file that is not one of its own is left');
  });

  test('a data folder removed while the emulator runs is made again with its claim, or says who took it since', async () => {
    const stack = await startTestStack({ EMULATOR_DATA_DIR: dataDir });
    const claim = path.join(dataDir, 'in-use.pid');
    const errors: string[] = [];
    const originalError = console.error;
    console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
    try {
      const madeAgain = async () => {
        await loginAndGetToken(stack); // a change: the next write makes the folder again
        for (let tries = 0; tries < 500 && !existsSync(path.join(dataDir, STATE_FILE)); tries++)
          await new Promise((resolve) => setTimeout(resolve, 20));
      };
      rmSync(dataDir, { recursive: true, force: true });
      await madeAgain();
      assert.equal(
        readFileSync(claim, 'utf8'),
        String(process.pid),
        'claimed again: a second start is refused',
      );
      // Removed again, and claimed meanwhile by another running process: said, naming it.
      rmSync(dataDir, { recursive: true, force: true });
      mkdirSync(dataDir);
      writeFileSync(claim, String(process.ppid));
      rmSync(path.join(dataDir, STATE_FILE), { force: true });
      errors.length = 0;
      await loginAndGetToken(stack);
      for (let tries = 0; tries < 500 && !existsSync(path.join(dataDir, STATE_FILE)); tries++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(readFileSync(claim, 'utf8'), String(process.ppid), 'the claim is left to its holder');
      assert.deepEqual(
        errors.filter((line) =>
          line.includes(`process ${process.ppid} has claimed it since: stop one of them`),
        ).length,
        1,
      );
    } finally {
      console.error = originalError;
      await stack.close();
    }
  });
});
