// The result page's token tools (userinfo, identity, introspection, revocation) and the device flow's first request,
// copied as Python and jsforce and run as their comments say, from the playground's folder: the browser tests run
// these legs as curl only, and the other tests only read these copies.
import assert from '../support/assert.ts';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import type { SnippetSet } from '../../server/teaching/snippets/index.ts';
import { postToken } from '../support/emulator-api.ts';
import { loginAndGetToken } from '../support/emulator-login.ts';
import { postForm, runWebServerFlow } from '../support/flows.ts';
import { unescapeHtml } from '../support/html.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack, TEST_ROOT, type TestStack } from '../support/stack.ts';
import { transcriptReader } from '../support/transcript-reader.ts';

const run = promisify(execFile);
/** Debian's interpreter, the one python3-requests installs into (a pyenv python3 on PATH may lack it). */
const PYTHON = '/usr/bin/python3';
type Copies = Record<'curl' | 'jsforce' | 'python', string>;

describe('copied token tools and device start, in Python and jsforce', () => {
  let stack: TestStack;
  const client = new TestClient();
  const folder = mkdtempSync(path.join(os.tmpdir(), 'take-home-tools-'));
  const { pageOf, legOf } = transcriptReader(() => stack, client);

  before(async () => {
    const found = spawnSync(PYTHON, ['-c', 'import requests']).status === 0;
    assert.ok(found, `${PYTHON} cannot import requests: apt-get install -y python3-requests`);
    stack = await startTestStack();
    symlinkSync(path.join(TEST_ROOT, 'certs'), path.join(folder, 'certs'));
    symlinkSync(path.resolve('node_modules'), path.join(folder, 'node_modules'));
    await runWebServerFlow(stack, client);
  });
  after(async () => {
    await stack.close();
    rmSync(folder, { recursive: true, force: true });
  });

  /** The last leg of that name on a page: its id, and the page's CSRF token. */
  async function lastLeg(page: string, name: string) {
    const { legs, csrf } = await pageOf(page);
    const id = legs.filter((leg) => leg.leg === name).at(-1)?.id;
    assert.ok(id, `a ${name} leg on ${page}`);
    return { id, csrf };
  }
  /** The copies as the opened leg shows them: placeholders where there are secrets. */
  async function shownCopies(id: string): Promise<Copies> {
    const body = await legOf(id);
    const found = [...body.matchAll(/<pre[^>]*data-snippet="(\w+)">([^]*?)<\/pre>/g)];
    return Object.fromEntries(found.map(([, target, text]) => [target, unescapeHtml(text)])) as Copies;
  }
  /** The copies after the owner's Reveal: their own values. */
  async function revealedCopies(id: string, csrf: string): Promise<Copies> {
    const answer = await client.request(`${stack.appUrl}/teaching/reveal`, {
      method: 'POST',
      body: JSON.stringify({ entryId: id }),
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
    });
    const { snippets } = (await answer.json()) as { snippets: SnippetSet };
    return Object.fromEntries(snippets.snippets.map(({ target, text }) => [target, text ?? ''])) as Copies;
  }
  /** Saved in the playground's folder and run: `python3 snippet.py`, `node snippet.mjs`, `bash snippet.sh`. */
  async function runCopy(target: keyof Copies, text: string, env: Record<string, string> = {}) {
    const [program, file] = {
      python: [PYTHON, 'snippet.py'],
      jsforce: [process.execPath, 'snippet.mjs'],
      curl: ['bash', 'snippet.sh'],
    }[target];
    writeFileSync(path.join(folder, file), text);
    const options = { cwd: folder, env: { PATH: process.env.PATH, ...env } };
    return (await run(program, [file], options)).stdout;
  }
  /** What a Python copy prints: the status on its first line, then the body. */
  const pythonAnswer = (stdout: string) => ({
    status: Number(stdout.slice(0, stdout.indexOf('\n'))),
    body: stdout.slice(stdout.indexOf('\n') + 1).trim(),
  });

  test('userinfo, identity and introspection: each copy prints the answer the tool got', async () => {
    const { username } = stack.config;
    const cases = [
      { tool: 'userinfo', leg: 'userinfo', field: 'preferred_username', value: username },
      { tool: 'identity', leg: 'identity', field: 'username', value: username },
      {
        tool: 'introspect-access',
        leg: 'introspect (access token)',
        field: 'token_type',
        value: 'access_token',
      },
      {
        tool: 'introspect-refresh',
        leg: 'introspect (refresh token)',
        field: 'token_type',
        value: 'refresh_token',
      },
    ];
    for (const { tool, leg, field, value } of cases) {
      await postForm(stack, client, '/result', '/result/tools', { tool });
      const { id, csrf } = await lastLeg('/result', leg);
      const copies = await revealedCopies(id, csrf);
      const python = pythonAnswer(await runCopy('python', copies.python));
      assert.equal(python.status, 200, `${leg}: ${python.body}`);
      assert.equal(JSON.parse(python.body)[field], value, leg);
      // jsforce prints the parsed answer as Node's console shows an object.
      assert.match(
        await runCopy('jsforce', copies.jsforce),
        new RegExp(`^ {2}${field}: '${value}',?$`, 'm'),
        leg,
      );
    }
  });

  test("the device flow's first request: each copy gets a user code of its own", async () => {
    const device = new TestClient();
    await postForm(stack, device, '/flows/device', '/flows/device');
    const page = await (await device.get(`${stack.appUrl}/flows/device`)).text();
    const id = /data-entry="([^"]+)" data-leg="device authorization"/.exec(page)?.[1] ?? '';
    const body = await (await device.get(`${stack.appUrl}/teaching/legs/${id}?part=body`)).text();
    const copy = (target: string) =>
      unescapeHtml(new RegExp(`<pre[^>]*data-snippet="${target}">([^]*?)</pre>`).exec(body)?.[1] ?? '');
    const python = pythonAnswer(await runCopy('python', copy('python')));
    assert.equal(python.status, 200, python.body);
    assert.match(JSON.parse(python.body).user_code, /^[A-Z0-9]{8}$/);
    assert.match(await runCopy('jsforce', copy('jsforce')), /^ {2}user_code: '[A-Z0-9]{8}',$/m);
  });

  test('a revocation copied with placeholders revokes the live token exported for it, as its note says', async () => {
    await postForm(stack, client, '/result', '/result/tools', { tool: 'revoke-access' });
    const { id } = await lastLeg('/result', 'revoke');
    assert.match(await legOf(id), /copy it with placeholders and put in a token that is still live/);
    const copies = await shownCopies(id);
    // Live access tokens of another login of the same user, one for each copy.
    const login = await loginAndGetToken(stack);
    const refreshed = async () => {
      const form = {
        grant_type: 'refresh_token',
        refresh_token: login.refresh_token,
        client_id: stack.config.clientId,
        client_secret: stack.config.clientSecret ?? '',
      };
      return String((await postToken(stack.emulatorUrl, form)).body.access_token);
    };
    const stillLive = async (token: string) =>
      (await client.get(`${login.id}`, { authorization: `Bearer ${token}` })).status === 200;
    for (const target of ['curl', 'python', 'jsforce'] as const) {
      const token = await refreshed();
      assert.ok(await stillLive(token), 'live before the copy runs');
      const stdout = await runCopy(target, copies[target], { SF_TOKEN: token });
      if (target === 'python') assert.equal(pythonAnswer(stdout).status, 200, stdout);
      if (target === 'jsforce') assert.equal(stdout, 'revoked\n');
      assert.equal(await stillLive(token), false, `${target}: revoked by the copy`);
    }
  });
});
