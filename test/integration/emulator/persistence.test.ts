// The emulator's state is written off the request path: changes gather into one write, and a clean shutdown
// (the stack's close, as SIGINT/SIGTERM run it) writes whatever is still pending, so a restart keeps it all.
import assert from '../../support/assert.ts';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { loadConfig, withListeningPorts } from '../../../server/config.ts';
import { tokenKey } from '../../../server/emulator/org.ts';
import { signAssertion } from '../../support/assertion.ts';
import { postToken } from '../../support/emulator-api.ts';
import { loginAndGetToken, type LoginTarget } from '../../support/emulator-login.ts';
import { TestClient } from '../../support/http.ts';
import { serverFolder, startServerProcess, type ServerProcess } from '../../support/server-process.ts';
import { startTestStack } from '../../support/stack.ts';

const STATE_FILE = 'emulator-state.json';
const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const HOUR_MS = 3_600_000;

/** A burst of JWT bearer grants for the demo user: the access tokens issued. */
async function issueJwtTokens(target: LoginTarget, count: number): Promise<string[]> {
  const { clientId, username, audience } = target.config;
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const assertion = signAssertion({ iss: clientId, sub: username, aud: audience });
    const answer = await postToken(target.emulatorUrl, { grant_type: JWT_GRANT, assertion });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    tokens.push(answer.body.access_token as string);
  }
  return tokens;
}

/** How a test reaches the emulator of a server process: its URL, and the configuration it started with. */
function emulatorOf(server: ServerProcess, cwd: string): LoginTarget {
  const port = (url: string) => Number(new URL(url).port);
  const config = withListeningPorts(loadConfig({ PORT: '0', EMULATOR_PORT: '0' }, cwd), {
    port: port(server.appUrl),
    emulatorPort: port(server.emulatorUrl),
  });
  return { emulatorUrl: server.emulatorUrl, config };
}

/** The status of a REST query made with the token at the org's My Domain. */
async function queryStatus(instanceUrl: string, accessToken: string): Promise<number> {
  const url = `${instanceUrl}/services/data/v66.0/query?q=SELECT+Id+FROM+Account+LIMIT+1`;
  return (await new TestClient().get(url, { authorization: `Bearer ${accessToken}` })).status;
}

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
      const second = await startServerProcess(folder.cwd, env);
      try {
        const instanceUrl = second.emulatorUrl.replace('localhost', '127.0.0.1');
        for (const token of [login.access_token, ...tokens]) {
          assert.equal(await queryStatus(instanceUrl, token), 200, 'a token issued just before SIGTERM');
        }
      } finally {
        await second.stop();
      }
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
      const second = await startServerProcess(folder.cwd, env);
      try {
        const instanceUrl = second.emulatorUrl.replace('localhost', '127.0.0.1');
        for (const token of [login.access_token, ...tokens]) {
          assert.equal(await queryStatus(instanceUrl, token), 200, 'a token issued before SIGHUP');
        }
      } finally {
        await second.stop();
      }
    } finally {
      // Stopped here too if a step failed before its signal: a running server would hold the test open.
      await first?.stop();
      folder.remove();
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
