// A stop that keeps what the emulator acknowledged, whatever surrounds it: a signal right after a burst of token
// requests, a closed terminal after the data folder was removed, output nobody reads any more (a pipe to `head`).
import assert from '../../support/assert.ts';
import { once } from 'node:events';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { tokenKey } from '../../../server/emulator/org.ts';
import { emulatorOf, issueJwtTokens, knownAfterRestart } from '../../support/emulator-persistence.ts';
import { loginAndGetToken } from '../../support/emulator-login.ts';
import { nodeOptionsOf } from '../../support/npm-script.ts';
import { serverFolder, startServerProcess, type ServerProcess } from '../../support/server-process.ts';

const ENTRY = fileURLToPath(new URL('../../../server/start.js', import.meta.url));

/** Waits (up to 10 s) until the state file holds `text`: the emulator's delayed write has happened. */
async function untilSaved(file: string, text: string): Promise<void> {
  const saved = () => existsSync(file) && readFileSync(file, 'utf8').includes(text);
  for (let tries = 0; tries < 500 && !saved(); tries++)
    await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(saved(), `${file} holds the change`);
}

describe('emulator: a stop keeps what was acknowledged', () => {
  test('SIGTERM right after a burst of token requests: the restarted process knows every token issued', async () => {
    const folder = await serverFolder();
    let first: ServerProcess | undefined;
    try {
      const env = { EMULATOR_DATA_DIR: folder.dataDir };
      first = await startServerProcess(folder.cwd, env);
      const target = emulatorOf(first, folder.cwd);
      const login = await loginAndGetToken(target);
      const tokens = await issueJwtTokens(target, 12);
      const exited = once(first.child, 'exit');
      first.child.kill('SIGTERM');
      const [code] = await exited;
      assert.equal(code, 0);
      await knownAfterRestart(
        folder.cwd,
        env,
        [login.access_token, ...tokens],
        'a token issued just before SIGTERM',
      );
    } finally {
      // Stopped here too if a step failed before its signal: a running server would hold the test open.
      await first?.stop();
      folder.remove();
    }
  });

  test('SIGHUP (a closed terminal) after the data folder was removed: the folder is made again and nothing is lost', async () => {
    const folder = await serverFolder();
    let first: ServerProcess | undefined;
    try {
      const env = { EMULATOR_DATA_DIR: folder.dataDir };
      first = await startServerProcess(folder.cwd, env);
      rmSync(folder.dataDir, { recursive: true, force: true });
      const target = emulatorOf(first, folder.cwd);
      const login = await loginAndGetToken(target);
      const tokens = await issueJwtTokens(target, 5);
      const exited = once(first.child, 'exit');
      first.child.kill('SIGHUP');
      const [code] = await exited;
      assert.equal(code, 0, first.stderr());
      await knownAfterRestart(
        folder.cwd,
        env,
        [login.access_token, ...tokens],
        'a token issued before SIGHUP',
      );
    } finally {
      // Stopped here too if a step failed before its signal: a running server would hold the test open.
      await first?.stop();
      folder.remove();
    }
  });

  test('SIGTERM with output nobody reads any more (`npm run emulator | head -1`): the stop still saves', async () => {
    const folder = await serverFolder();
    const env = { EMULATOR_DATA_DIR: folder.dataDir };
    // bash, for a real pipe to head (which leaves after one line) and the emulator's own pid and exit code.
    const node = [process.execPath, ...nodeOptionsOf('emulator'), ENTRY, '--emulator-only'].map(
      (word) => `'${word}'`,
    );
    const shell = spawn(
      'bash',
      ['-c', `${node.join(' ')} 2>/dev/null > >(head -1) & echo "pid:$!" >&2; wait $!; echo "exit:$?" >&2`],
      { cwd: folder.cwd, env: { PATH: process.env.PATH ?? '', PORT: '18099', EMULATOR_PORT: '0', ...env } },
    );
    let said = '';
    let printed = '';
    shell.stderr.on('data', (chunk) => (said += chunk));
    shell.stdout.on('data', (chunk) => (printed += chunk));
    const ended = once(shell, 'exit');
    try {
      while (!/https:\/\/localhost:\d+/.test(printed) && shell.exitCode === null)
        await once(shell.stdout, 'data');
      const emulatorUrl = /https:\/\/localhost:\d+/.exec(printed)?.[0] ?? '';
      const pid = Number(/pid:(\d+)/.exec(said)?.[1]);
      const target = emulatorOf(
        { appUrl: 'https://localhost:18099', emulatorUrl } as ServerProcess,
        folder.cwd,
      );
      await loginAndGetToken(target); // approves the app
      const tokens = await issueJwtTokens(target, 5);
      process.kill(pid, 'SIGTERM'); // its "SIGTERM received" goes to the pipe head has left
      await ended;
      assert.match(said, /exit:0/, 'a clean exit, not a crash on the closed output');
      assert.ok(!existsSync(path.join(folder.dataDir, 'in-use.pid')), 'the claim on the folder is released');
      await knownAfterRestart(folder.cwd, env, tokens, 'a token issued before');
    } finally {
      if (shell.exitCode === null) shell.kill('SIGKILL');
      folder.remove();
    }
  });

  test('the data folder removed while running, nothing changed since: the stop writes back what the emulator holds', async () => {
    const folder = await serverFolder();
    let first: ServerProcess | undefined;
    try {
      const env = { EMULATOR_DATA_DIR: folder.dataDir };
      first = await startServerProcess(folder.cwd, env);
      const target = emulatorOf(first, folder.cwd);
      const login = await loginAndGetToken(target);
      // Written (the write delay is short), then removed with nothing left to write.
      await untilSaved(path.join(folder.dataDir, 'emulator-state.json'), tokenKey(login.access_token));
      rmSync(folder.dataDir, { recursive: true, force: true });
      assert.equal(await first.stop(), 0, first.stderr());
      await knownAfterRestart(folder.cwd, env, [login.access_token], 'the login made before the removal');
    } finally {
      await first?.stop();
      folder.remove();
    }
  });
});
