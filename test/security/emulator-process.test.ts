// The emulator as its own process: known bad inputs never end it, and a broken state file never keeps it down.
import assert from '../support/assert.ts';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EMULATOR_DEFAULTS } from '../../server/config.ts';
import { hiddenValue } from '../support/emulator-login.ts';
import { TestClient } from '../support/http.ts';
import { serverFolder, startServerProcess, type ServerProcess } from '../support/server-process.ts';

const STATE_FILE = 'emulator-state.json';
const form = { 'content-type': 'application/x-www-form-urlencoded' };

/** Every input that once crashed, hung or 500'd a server of this kind, sent to a running emulator. */
async function sendKnownBadInputs(emulatorUrl: string, callbackUrl: string): Promise<number[]> {
  const client = new TestClient();
  const statuses: number[] = [];
  const send = async (pathAndQuery: string, init: Parameters<TestClient['request']>[1] = {}) => {
    statuses.push((await client.request(`${emulatorUrl}${pathAndQuery}`, init)).status);
  };
  await send(
    `/services/oauth2/authorize?${new URLSearchParams({ client_id: 'unknown', redirect_uri: callbackUrl })}`,
  );
  // A real pending request in this browser's session: the state in which request=__proto__ once ended the process.
  const authorize = new URLSearchParams({
    response_type: 'code',
    client_id: EMULATOR_DEFAULTS.clientId,
    redirect_uri: callbackUrl,
  });
  const loginForm = await (await client.get(`${emulatorUrl}/services/oauth2/authorize?${authorize}`)).text();
  assert.match(loginForm, /name="request"/);
  const loginPage = await (await client.get(`${emulatorUrl}/setup`)).text();
  for (const key of ['__proto__', 'constructor', 'toString']) {
    for (const step of ['login', 'approve']) {
      await send(`/services/oauth2/authorize/${step}`, {
        method: 'POST',
        headers: form,
        body: `request=${key}&username=admin%40playground.local&password=playground-password&decision=allow`,
      });
    }
    await send('/setup/unlock', { method: 'POST', headers: form, body: `csrf=x&userId=${key}` });
    await send(`/services/oauth2/revoke?token=${key}`);
    await send(`/id/${key}/${key}`, { headers: { authorization: `Bearer ${key}` } });
  }
  await send('/setup/login', {
    method: 'POST',
    headers: form,
    body: `csrf=${hiddenValue(loginPage, 'csrf')}&username[]=a&password[__proto__]=b`,
  });
  await send('/setup', { method: 'POST', headers: form, body: `csrf=x&${'a=1&'.repeat(150)}` });
  await send('/services/oauth2/token', { method: 'POST', headers: form, body: `x=${'y'.repeat(70_000)}` });
  await send('/services/oauth2/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`,
  });
  await send('/services/oauth2/token', {
    method: 'POST',
    headers: form,
    body: 'grant_type=%E0%A4%A&code=%%%',
  });
  await send('/services/oauth2/introspect', { method: 'POST', headers: { authorization: 'Basic !!!' } });
  await send('/services/oauth2/userinfo', { headers: { authorization: 'Bearer' } });
  await send('/setup', { headers: { cookie: '__Host-sfemu.sid=%E0%A4%A; __Host-sfemu.sid=s%3Aforged.sig' } });
  await send('/emulator-assets/%2e%2e/%2e%2e/certs/jwt.key');
  await send('/services/oauth2/token', { method: 'DELETE' });
  return statuses;
}

describe('emulator process under bad input and bad state', () => {
  let folder: Awaited<ReturnType<typeof serverFolder>>;
  let server: ServerProcess | undefined;
  before(async () => {
    folder = await serverFolder();
  });
  after(async () => {
    await server?.stop();
    folder.remove();
  });

  test('crash test: after every known bad input the app and the emulator still answer, with no server error', async () => {
    server = await startServerProcess(folder.cwd, { EMULATOR_DATA_DIR: folder.dataDir });
    const callbackUrl = `${server.appUrl}/oauthcallback.html`;
    const statuses = await sendKnownBadInputs(server.emulatorUrl, callbackUrl);
    assert.deepEqual(
      statuses.filter((status) => status >= 500 || status < 400),
      [],
      `every bad input gets a 4xx: ${statuses.join(' ')}`,
    );
    assert.equal(server.child.exitCode, null, 'the process is still running');
    assert.equal((await new TestClient().get(`${server.emulatorUrl}/`)).status, 200);
    assert.equal((await new TestClient().get(`${server.appUrl}/`)).status, 200);
    assert.doesNotMatch(server.stderr(), /failed:|at .*\.ts:\d+/);
    assert.equal(await server.stop(), 0);
    server = undefined;
  });

  test('a corrupt state file is set aside with a warning naming it, and the emulator starts from defaults', async () => {
    mkdirSync(folder.dataDir, { recursive: true });
    const file = path.join(folder.dataDir, STATE_FILE);
    writeFileSync(file, '{"settings": {"callbackUrls": [');
    server = await startServerProcess(
      folder.cwd,
      { EMULATOR_DATA_DIR: folder.dataDir },
      { emulatorOnly: true },
    );
    const backup = readdirSync(folder.dataDir).find((name) => name.startsWith(`${STATE_FILE}.corrupt-`));
    assert.ok(backup, 'the corrupt file is kept aside');
    assert.equal(readFileSync(path.join(folder.dataDir, backup), 'utf8'), '{"settings": {"callbackUrls": [');
    assert.ok(
      server.stderr().includes(`[emulator] Warning: ${file} is not a valid emulator state: it is not JSON (`),
      server.stderr(),
    );
    assert.ok(
      server
        .stderr()
        .includes(
          `). Starting with default settings; the old file is kept as ${path.join(folder.dataDir, backup)}.`,
        ),
      server.stderr(),
    );
    const discovery = await new TestClient().get(`${server.emulatorUrl}/.well-known/openid-configuration`);
    assert.equal(discovery.status, 200);
    assert.ok(JSON.parse(readFileSync(file, 'utf8')).settings, 'a fresh state was written');
    await server.stop();
    server = undefined;
  });

  test('an unreadable state file (a folder in its place) is moved aside too', async () => {
    const file = path.join(folder.dataDir, STATE_FILE);
    rmSync(file);
    mkdirSync(file);
    server = await startServerProcess(
      folder.cwd,
      { EMULATOR_DATA_DIR: folder.dataDir },
      { emulatorOnly: true },
    );
    assert.match(
      server.stderr(),
      /emulator-state\.json cannot be read \(EISDIR\)\. Starting with default settings/,
    );
    const asideFolders = readdirSync(folder.dataDir, { withFileTypes: true }).filter(
      (entry) => entry.name.startsWith(`${STATE_FILE}.corrupt-`) && entry.isDirectory(),
    );
    assert.equal(asideFolders.length, 1);
    assert.equal(statSync(file).isFile(), true);
    assert.equal((await new TestClient().get(`${server.emulatorUrl}/`)).status, 200);
    await server.stop();
    server = undefined;
  });

  test('a saved callback URL that breaks the CSP (from an older version) is dropped with a warning', async () => {
    const file = path.join(folder.dataDir, STATE_FILE);
    const state = JSON.parse(readFileSync(file, 'utf8'));
    state.settings.callbackUrls.push('https://evil;x/cb');
    writeFileSync(file, JSON.stringify(state));
    server = await startServerProcess(
      folder.cwd,
      { EMULATOR_DATA_DIR: folder.dataDir },
      { emulatorOnly: true },
    );
    assert.match(server.stderr(), /held callback URLs that are not valid, now removed: https:\/\/evil;x\/cb/);
    for (const page of ['/', '/setup', '/services/data/']) {
      assert.ok((await new TestClient().get(`${server.emulatorUrl}${page}`)).status < 500, page);
    }
    assert.equal(existsSync(file), true);
    await server.stop();
    server = undefined;
  });

  test('a custom EMULATOR_PASSWORD is never printed at start; the default one is', async () => {
    server = await startServerProcess(
      folder.cwd,
      { EMULATOR_DATA_DIR: folder.dataDir, EMULATOR_PASSWORD: 'my-own-secret-password' },
      { emulatorOnly: true },
    );
    assert.match(
      server.stdout(),
      /demo login: admin@playground\.local \/ the password set in EMULATOR_PASSWORD/,
    );
    assert.doesNotMatch(server.stdout() + server.stderr(), /my-own-secret-password/);
    await server.stop();
    server = undefined;
  });
});
