// The token request of each grant, copied after Reveal as Python and jsforce and run as their comments say (from
// the playground's folder, Python with requests, Node with the folder's jsforce): each gets a token from the
// emulator. The browser tests run the curl copies and the query; these copies had not been run before.
import assert from '../support/assert.ts';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import type { SnippetSet } from '../../server/teaching/snippets/index.ts';
import { ADMIN_ID, changeSettings } from '../support/emulator-api.ts';
import { postForm, runWebServerFlow } from '../support/flows.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack, TEST_ROOT, type TestStack } from '../support/stack.ts';
import { transcriptReader } from '../support/transcript-reader.ts';

const run = promisify(execFile);
/** Debian's interpreter, the one python3-requests installs into (a pyenv python3 on PATH may lack it). */
const PYTHON = '/usr/bin/python3';

describe('copied token requests, each grant, in Python and jsforce', () => {
  let stack: TestStack;
  const client = new TestClient();
  const folder = mkdtempSync(path.join(os.tmpdir(), 'take-home-grants-'));
  const { pageOf } = transcriptReader(() => stack, client);

  before(async () => {
    stack = await startTestStack();
    symlinkSync(path.join(TEST_ROOT, 'certs'), path.join(folder, 'certs'));
    symlinkSync(path.resolve('node_modules'), path.join(folder, 'node_modules'));
    await runWebServerFlow(stack, client); // the user approves the app once, so the JWT flow can succeed
    await changeSettings(stack, { runAsUserId: ADMIN_ID, allowUsernamePassword: 'on' });
  });
  after(async () => {
    await stack.close();
    rmSync(folder, { recursive: true, force: true });
  });

  /** The last token leg of a page, revealed as its owner's Reveal does: its copies. */
  async function copiesOf(page: string, leg: string): Promise<Record<string, string>> {
    const { legs, csrf } = await pageOf(page);
    const entryId = legs.filter((entry) => entry.leg === leg).at(-1)?.id;
    assert.ok(entryId, `a ${leg} leg on ${page}`);
    const answer = await client.request(`${stack.appUrl}/teaching/reveal`, {
      method: 'POST',
      body: JSON.stringify({ entryId }),
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
    });
    const { snippets } = (await answer.json()) as { snippets: SnippetSet };
    return Object.fromEntries(snippets.snippets.map(({ target, text }) => [target, text ?? '']));
  }

  /** Runs the Python and the jsforce copy as saved in the playground's folder; each must print a new token. */
  async function runsBoth(copies: Record<string, string>, env: Record<string, string> = {}) {
    writeFileSync(path.join(folder, 'snippet.py'), copies.python);
    writeFileSync(path.join(folder, 'snippet.mjs'), copies.jsforce);
    const options = { cwd: folder, env: { PATH: process.env.PATH, ...env } };
    const python = (await run(PYTHON, ['snippet.py'], options)).stdout;
    assert.match(python, /^200\n\{"access_token":"00D5j00000PlAyG!/, python);
    assert.equal(JSON.parse(python.slice(4)).instance_url, stack.instanceUrl);
    const node = (await run(process.execPath, ['snippet.mjs'], options)).stdout;
    assert.match(node, /access_token: '00D5j00000PlAyG!/, node);
    assert.match(node, new RegExp(`instance_url: '${stack.instanceUrl}'`));
  }

  before(() => {
    const found = spawnSync(PYTHON, ['-c', 'import requests']).status === 0;
    assert.ok(found, `${PYTHON} cannot import requests: apt-get install -y python3-requests`);
  });

  test('refresh token, of the web server login (no rotation: the same refresh token works again)', async () => {
    await postForm(stack, client, '/flows/refresh-token', '/flows/refresh-token');
    await runsBoth(await copiesOf('/result', 'token (refresh)'));
  });

  test('JWT bearer: the assertion as sent', async () => {
    await postForm(stack, client, '/flows/jwt', '/flows/jwt');
    await runsBoth(await copiesOf('/result', 'token'));
  });

  test('client credentials, the secret in the form body', async () => {
    await postForm(stack, client, '/flows/client-credentials', '/flows/client-credentials');
    await runsBoth(await copiesOf('/result', 'token'));
  });

  test('username-password: the password, never kept, exported as the copy asks', async () => {
    const home = await (await client.get(`${stack.emulatorUrl}/`)).text();
    const pattern = new RegExp(`data-security-token="${stack.config.username}">([A-Za-z0-9]+)<`);
    const securityToken = pattern.exec(home)?.[1] ?? '';
    const { password } = stack.config.emulator;
    const flow = '/flows/username-password';
    await postForm(stack, client, flow, flow, { username: stack.config.username, password, securityToken });
    const copies = await copiesOf(flow, 'token');
    assert.match(copies.python, /SF_PASSWORD is not set: read -rs SF_PASSWORD && export SF_PASSWORD/);
    await runsBoth(copies, { SF_PASSWORD: `${password}${securityToken}` });
  });
});
