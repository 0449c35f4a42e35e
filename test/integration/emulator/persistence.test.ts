// The emulator's state is written off the request path: changes gather into one write, and a clean shutdown
// (the stack's close, as SIGINT/SIGTERM run it) writes whatever is still pending, so a restart keeps it all.
import assert from '../../support/assert.ts';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { tokenKey } from '../../../server/emulator/org.ts';
import { postToken } from '../../support/emulator-api.ts';
import { emulatorOf, issueJwtTokens, queryStatus } from '../../support/emulator-persistence.ts';
import { loginAndGetToken } from '../../support/emulator-login.ts';
import { serverFolder, startServerProcess, type ServerProcess } from '../../support/server-process.ts';
import { startTestStack } from '../../support/stack.ts';

const STATE_FILE = 'emulator-state.json';
const HOUR_MS = 3_600_000;

describe('emulator: state written off the request path', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sf-emulator-persist-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('answers token requests without writing the state file, then writes every change on a clean close', async () => {
    const file = path.join(dataDir, STATE_FILE);
    let stack = await startTestStack({ EMULATOR_DATA_DIR: dataDir }, { emulatorWriteDelayMs: HOUR_MS });
    const atStart = readFileSync(file, 'utf8');
    const login = await loginAndGetToken(stack);
    const tokens = await issueJwtTokens(stack, 12);
    assert.equal(
      readFileSync(file, 'utf8'),
      atStart,
      'no write on the request path: the changes are pending',
    );
    await stack.close();
    const saved = readFileSync(file, 'utf8');
    for (const token of [login.access_token, ...tokens]) {
      assert.ok(saved.includes(tokenKey(token)), 'close wrote the pending changes');
    }
    stack = await startTestStack({ EMULATOR_DATA_DIR: dataDir });
    try {
      for (const token of [login.access_token, ...tokens]) {
        assert.equal(await queryStatus(stack.instanceUrl, token), 200, 'the token survived the restart');
      }
      const refreshed = await postToken(stack.emulatorUrl, {
        grant_type: 'refresh_token',
        refresh_token: login.refresh_token,
        client_id: stack.config.clientId,
        client_secret: stack.config.clientSecret ?? '',
      });
      assert.equal(refreshed.status, 200, 'the refresh token survived too');
      assert.equal((await issueJwtTokens(stack, 1)).length, 1, 'and so did the approval');
    } finally {
      await stack.close();
    }
  });

  test("a file saved when the users' ids had a wrong suffix keeps its approval and tokens under the right ids", async () => {
    const file = path.join(dataDir, STATE_FILE);
    let stack = await startTestStack({ EMULATOR_DATA_DIR: dataDir });
    const login = await loginAndGetToken(stack);
    await stack.close();
    const saved = readFileSync(file, 'utf8');
    assert.ok(saved.includes('"0055j00000AdMiNAAV"'), 'the approval names the admin');
    writeFileSync(file, saved.replaceAll('0055j00000AdMiNAAV', '0055j00000AdMiNAAU'));
    stack = await startTestStack({ EMULATOR_DATA_DIR: dataDir });
    try {
      assert.equal(await queryStatus(stack.instanceUrl, login.access_token), 200, 'the token still works');
      assert.equal((await issueJwtTokens(stack, 1)).length, 1, 'and the approval still holds');
    } finally {
      await stack.close();
    }
  });

  test('a second emulator on the same data folder stops at start, naming the first; a claim left by an ended process is taken over', async () => {
    const folder = await serverFolder();
    let first: ServerProcess | undefined;
    try {
      const env = { EMULATOR_DATA_DIR: folder.dataDir };
      first = await startServerProcess(folder.cwd, env);
      const refused = await startTestStack(env).then(
        (stack) => stack.close().then(() => 'started'),
        (error: unknown) => String(error),
      );
      assert.match(
        refused,
        new RegExp(
          `EMULATOR_DATA_DIR is ${folder.dataDir}, which an emulator already running uses \\(process ${first.child.pid}\\): stop that one`,
        ),
      );
      await first.stop();
      // A process killed outright leaves its claim: the next start takes it over.
      writeFileSync(path.join(folder.dataDir, 'in-use.pid'), '999999');
      const next = await startTestStack(env);
      await next.close();
    } finally {
      await first?.stop();
      folder.remove();
    }
  });

  test('changes that cannot be saved at shutdown are said, naming the file, and the exit code is 1', async () => {
    const folder = await serverFolder();
    let first: ServerProcess | undefined;
    try {
      first = await startServerProcess(folder.cwd, { EMULATOR_DATA_DIR: folder.dataDir });
      // A file where the folder was: no write can succeed, and mkdir cannot make the folder again.
      rmSync(folder.dataDir, { recursive: true, force: true });
      writeFileSync(folder.dataDir, 'not a folder');
      const target = emulatorOf(first, folder.cwd);
      await loginAndGetToken(target); // approves the app: a change to save
      await issueJwtTokens(target, 1);
      const exited = once(first.child, 'exit');
      first.child.kill('SIGTERM');
      const [code] = await exited;
      assert.equal(code, 1);
      assert.match(
        first.stderr(),
        /Not saved: changes to .*emulator-state\.json could not be saved \((ENOTDIR|EEXIST)\)\. Check that EMULATOR_DATA_DIR is a folder this user can write\./,
      );
    } finally {
      // Stopped here too if a step failed before its signal: a running server would hold the test open.
      await first?.stop();
      folder.remove();
    }
  });
});
