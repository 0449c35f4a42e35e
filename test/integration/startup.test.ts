// `npm start` as a user meets it: the printed URLs, a clean Ctrl-C, and one clear line for each start-up problem.
import assert from '../support/assert.ts';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { TestClient } from '../support/http.ts';
import { startTestStack, TEST_ROOT } from '../support/stack.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const entry = path.join(repo, 'server', 'start.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts server/start.js the way `npm start` does, from `cwd`, and returns the child. */
function startServer(cwd: string, env: Record<string, string>) {
  return spawn(process.execPath, ['--env-file-if-exists=.env', entry], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function runToExit(cwd: string, env: Record<string, string>): Promise<Run> {
  const child = startServer(cwd, env);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const [code] = await once(child, 'exit');
  return { code, stdout, stderr };
}

describe('npm run emulator with an org-mode .env', () => {
  test('starts: SF_LOGIN_URL belongs to the app, and the emulator takes the app id and user it names', async () => {
    const alone = await startTestStack(
      {
        SF_LOGIN_URL: 'https://localhost:8443',
        SF_CLIENT_ID: '3MVG9SameAsTheApp',
        SF_USERNAME: 'me@playground.local',
      },
      { emulatorOnly: true },
    );
    try {
      assert.equal(alone.app, undefined);
      const discovery = await new TestClient().get(`${alone.emulatorUrl}/.well-known/openid-configuration`);
      assert.equal(discovery.status, 200);
      assert.equal(alone.config.clientId, '3MVG9SameAsTheApp');
      assert.equal(alone.config.username, 'me@playground.local');
    } finally {
      await alone.close();
    }
    // Without them, it is the emulator with its defaults, not a demand for an org's settings; and the callback is
    // the emulated app's, for any client: not held to the playground's own page.
    const defaults = await startTestStack(
      { SF_LOGIN_URL: 'https://localhost:8443', SF_CALLBACK_URL: 'https://localhost:3000/callback' },
      { emulatorOnly: true },
    );
    await defaults.close();
    assert.equal(defaults.config.mode, 'emulator');
    assert.equal(defaults.config.callbackUrl, 'https://localhost:3000/callback');
    assert.deepEqual(defaults.config.warnings, []);
  });
});

describe('npm start (server/start.js)', () => {
  let cwd: string;
  before(() => {
    cwd = mkdtempSync(path.join(os.tmpdir(), 'sf-start-'));
    // Reuse the test keys so each start does not spend a second generating new ones.
    mkdirSync(path.join(cwd, 'certs'));
    cpSync(path.join(TEST_ROOT, 'certs'), path.join(cwd, 'certs'), { recursive: true });
  });
  after(() => rmSync(cwd, { recursive: true, force: true }));

  test('prints both URLs and the demo login, serves the home page, and exits 0 on SIGINT', async () => {
    const child = startServer(cwd, {
      PORT: '0',
      EMULATOR_PORT: '0',
      EMULATOR_DATA_DIR: path.join(cwd, 'data'),
    });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    while (!stdout.includes('Press Ctrl-C')) await once(child.stdout, 'data');
    const appUrl = /playground: open (https:\/\/localhost:\d+)/.exec(stdout)?.[1];
    assert.ok(appUrl, stdout);
    assert.match(stdout, /Local Salesforce emulator \(not Salesforce\): https:\/\/localhost:\d+/);
    assert.match(stdout, /demo login: admin@playground.local \/ playground-password/);
    const page = await new TestClient().get(`${appUrl}/`);
    assert.equal(page.status, 200);
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });

  /** Starts with this .env in the folder (and removes it after, whatever happens). */
  const runWithDotEnv = async (content: string) => {
    writeFileSync(path.join(cwd, '.env'), content);
    try {
      return await runToExit(cwd, {});
    } finally {
      rmSync(path.join(cwd, '.env'));
    }
  };

  test('a wrong value in .env stops start-up with one line naming the variable', async () => {
    const run = await runWithDotEnv('SF_LOGIN_URL=login.salesforce.com\n');
    assert.equal(run.code, 1);
    assert.equal(
      run.stderr.trim(),
      'Configuration error: SF_LOGIN_URL "login.salesforce.com" is not a URL: set it to your org login host, e.g. https://login.salesforce.com.',
    );
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  });

  test('a .env saved with a byte-order mark stops start-up instead of losing its first variable', async () => {
    const run = await runWithDotEnv('\uFEFFPORT=0\n');
    assert.equal(run.code, 1);
    assert.equal(
      run.stderr.trim(),
      'Configuration error: .env starts with a byte-order mark, which hides its first variable: save it as UTF-8 without BOM',
    );
  });

  test('a pasted token endpoint as SF_LOGIN_URL stops start-up with the host to use', async () => {
    const run = await runToExit(cwd, {
      SF_LOGIN_URL: 'https://login.salesforce.com/services/oauth2/token',
      SF_CLIENT_ID: 'x',
      SF_USERNAME: 'me@acme.com',
      PORT: '0',
    });
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      /^Configuration error: SF_LOGIN_URL ".*" has a path: set it to the host only, https:\/\/login\.salesforce\.com/m,
    );
  });

  test('an instance host as SF_LOGIN_URL starts with a warning, and org mode prints the access link', async () => {
    const child = startServer(cwd, {
      SF_LOGIN_URL: 'https://na139.salesforce.com',
      SF_CLIENT_ID: 'x',
      SF_USERNAME: 'me@acme.com',
      PORT: '0',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    while (!stdout.includes('Press Ctrl-C')) await once(child.stdout, 'data');
    assert.match(stderr, /Warning: SF_LOGIN_URL https:\/\/na139\.salesforce\.com is an instance host/);
    assert.match(stdout, /playground: open https:\/\/localhost:\d+\/\?access=[\w-]{20,}/);
    assert.match(stdout, /Setup guide → "Check my setup" asks it before any login/);
    assert.doesNotMatch(stdout, /Local Salesforce emulator/);
    child.kill('SIGINT');
    assert.deepEqual(await once(child, 'exit'), [0, null]);
  });

  test('org mode with new JWT keys says to upload the new certificate', async () => {
    const fresh = mkdtempSync(path.join(os.tmpdir(), 'sf-start-fresh-'));
    const env = {
      SF_LOGIN_URL: 'https://login.salesforce.com',
      SF_CLIENT_ID: 'x',
      SF_USERNAME: 'me@acme.com',
    };
    const child = startServer(fresh, { ...env, PORT: '0' });
    try {
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      while (!stdout.includes('Press Ctrl-C')) await once(child.stdout, 'data');
      // The warnings come on stderr, a pipe of its own: they may arrive after the welcome.
      while (!stderr.includes('SESSION_SECRET')) await once(child.stderr, 'data');
      assert.match(stdout, /Created .*jwt\.crt/);
      assert.match(
        stderr,
        /Warning: .*jwt\.crt is new: upload it to your app \(Setup → App Manager → your app → Edit → Use digital signatures\)/,
      );
    } finally {
      child.kill('SIGINT');
      await once(child, 'exit');
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  test('a port already in use gives a clear message and a non-zero exit', async () => {
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const port = (blocker.address() as net.AddressInfo).port;
    const run = await runToExit(cwd, { PORT: String(port), EMULATOR_PORT: '0' });
    blocker.close();
    assert.equal(run.code, 1);
    assert.match(run.stderr, new RegExp(`Port ${port} is already in use: .* PORT=<port>`));
  });
});
