// `npm start` as a user meets it when it starts: the printed URLs and demo login, a clean Ctrl-C, an instance host's
// warning with org mode's access link, new JWT keys' reminder to upload the certificate, and a key others may read.
import assert from '../support/assert.ts';
import { once } from 'node:events';
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { TestClient } from '../support/http.ts';
import { freePort } from '../support/redis.ts';
import { startFolder, startServer } from '../support/start-script.ts';

describe('npm start (server/start.js)', () => {
  const folder = startFolder();

  test('prints both URLs and the demo login, serves the home page, and exits 0 on SIGINT', async () => {
    const { cwd } = folder;
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

  test("a callback on 127.0.0.1 opens the playground there: the login's cookie must come back with it", async () => {
    const { cwd } = folder;
    const port = await freePort();
    const child = startServer(cwd, {
      PORT: String(port),
      EMULATOR_PORT: '0',
      EMULATOR_DATA_DIR: path.join(cwd, 'data'),
      SF_CALLBACK_URL: `https://127.0.0.1:${port}/oauthcallback.html`,
    });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    while (!stdout.includes('Press Ctrl-C')) await once(child.stdout, 'data');
    assert.match(stdout, new RegExp(`playground: open https://127\\.0\\.0\\.1:${port}\\n`));
    child.kill('SIGINT');
    await once(child, 'exit');
  });

  test('a callback on another port of this machine (an SSH forward) prints its address too, with the access link', async () => {
    // ssh -L 9443:localhost:8081 from a laptop: the browser there reaches the app only through the forward.
    const { cwd } = folder;
    const [port, forward] = [await freePort(), await freePort()];
    const child = startServer(cwd, {
      SF_LOGIN_URL: 'https://login.salesforce.com',
      SF_CLIENT_ID: 'x',
      SF_USERNAME: 'me@acme.com',
      PORT: String(port),
      SF_CALLBACK_URL: `https://localhost:${forward}/oauthcallback.html`,
    });
    try {
      let stdout = '';
      child.stdout.on('data', (d) => (stdout += d));
      while (!stdout.includes('Press Ctrl-C')) await once(child.stdout, 'data');
      const token = new RegExp(`playground: open https://localhost:${port}/\\?access=([\\w-]{20,})\\n`).exec(
        stdout,
      )?.[1];
      assert.ok(token, stdout);
      assert.ok(
        stdout.includes(
          `from another machine, through the forward SF_CALLBACK_URL names: https://localhost:${forward}/?access=${token}\n`,
        ),
        stdout,
      );
      assert.ok(stdout.includes(': either link lets you in; keep both to yourself.\n'), stdout);
    } finally {
      child.kill('SIGINT');
      await once(child, 'exit');
    }
  });

  test('an instance host as SF_LOGIN_URL starts with a warning, and org mode prints the access link', async () => {
    const { cwd } = folder;
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
        /Warning: .*jwt\.crt is new: upload it to your app \(External Client App: Settings → OAuth Settings → Flow Enablement → Enable JWT Bearer Flow; Connected App: Setup → App Manager → your app → Edit → Use digital signatures\)/,
      );
    } finally {
      child.kill('SIGINT');
      await once(child, 'exit');
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  test("emulator mode with a key of one's own says the emulator's app holds another certificate", async () => {
    const { cwd } = folder;
    const keyDir = mkdtempSync(path.join(os.tmpdir(), 'sf-own-key-'));
    const keyFile = path.join(keyDir, 'mine.key');
    // Made at run time: no private key text is kept in the repository.
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    chmodSync(keyFile, 0o644); // as the usual umask leaves a new file, whatever this one's is
    const run = async (env: Record<string, string>) => {
      const child = startServer(cwd, {
        PORT: '0',
        EMULATOR_PORT: '0',
        EMULATOR_DATA_DIR: path.join(cwd, 'data'),
        ...env,
      });
      let [stdout, stderr] = ['', ''];
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      while (!stdout.includes('Press Ctrl-C')) await once(child.stdout, 'data');
      while (!stderr.includes('SESSION_SECRET')) await once(child.stderr, 'data');
      child.kill('SIGINT');
      await once(child, 'exit');
      return stderr;
    };
    try {
      assert.match(
        await run({ SF_JWT_KEY_FILE: keyFile }),
        /Warning: SF_JWT_KEY_FILE .*mine\.key is not the key of the certificate the emulator's app holds, so the JWT bearer flow fails with invalid assertion: paste the certificate made with that key on https:\/\/localhost:\d+\/setup \(none yet\? openssl req -new -x509 -sha256 -days 365 -key \S+mine\.key -subj \/CN=jwt-bearer -out \S+jwt\.crt makes one\), or remove SF_JWT_KEY_FILE/,
      );
      // Written with the usual umask, others may read it: said, with the fix.
      assert.match(
        await run({ SF_JWT_KEY_FILE: keyFile }),
        new RegExp(
          `Warning: ${keyFile} is a private key other users of this machine may read \\(mode 644\\): chmod 600 ${keyFile}`,
        ),
      );
      // The generated key named explicitly is the certificate's partner, and only its owner reads it: nothing to say.
      const generated = await run({ SF_JWT_KEY_FILE: 'certs/jwt.key' });
      assert.doesNotMatch(generated, /SF_JWT_KEY_FILE/);
      assert.doesNotMatch(generated, /other users of this machine may read/);
    } finally {
      rmSync(keyDir, { recursive: true, force: true });
    }
  });
});
