// "New attempt and copy" over HTTP: a spent device code renewed by a real call, whose copied poll gets a token once
// the new code is allowed; the refusals (nothing to renew, an entry from another session, no CSRF token, a
// key that cannot sign); and a copied jsforce call run as its comments say. A spent code's hand-over is in
// hand-over.test.ts.
import assert from '../support/assert.ts';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import type { SnippetSet } from '../../server/teaching/snippets/index.ts';
import { csrfTokenOf, postJson } from '../support/attacks.ts';
import { answerDeviceCode } from '../support/device.ts';
import { ADMIN_ID, changeSettings } from '../support/emulator-api.ts';
import { postForm, runWebServerFlow } from '../support/flows.ts';
import { TestClient } from '../support/http.ts';
import { transcriptReader } from '../support/transcript-reader.ts';
import { startTestStack, TEST_ROOT, type TestStack } from '../support/stack.ts';

const run = promisify(execFile);

describe('renewing a spent single-use value', () => {
  let stack: TestStack;
  let clock = Date.now();
  const client = new TestClient();

  before(async () => {
    // Now, not when the file was loaded: a group loads every file first, and real clients check real time.
    clock = Date.now();
    stack = await startTestStack({}, { now: () => clock });
  });
  after(() => stack.close());

  const { pageOf, legOf, fresh } = transcriptReader(() => stack, client);

  test('a spent device code: a new one is asked of Salesforce, and its copied poll gets a token once allowed', async () => {
    await postForm(stack, client, '/flows/device', '/flows/device');
    const waiting = await (await client.get(`${stack.appUrl}/flows/device`)).text();
    const userCode = /<code id="user-code">([A-Z0-9]{8})<\/code>/.exec(waiting)?.[1] ?? '';
    await answerDeviceCode(stack, `${stack.emulatorUrl}/setup/connect`, userCode);
    clock += 5_000;
    const polled = await postForm(stack, client, '/flows/device', '/flows/device/poll');
    assert.equal(polled.headers.get('location'), '/result');

    const result = await pageOf('/result');
    const poll = result.legs.filter((leg) => leg.leg === 'token (poll)').at(-1);
    assert.ok(poll, 'the poll is a leg of the result page');
    assert.match(await legOf(poll.id), new RegExp(`data-fresh="device-code" data-entry-id="${poll.id}"`));
    const answer = await fresh(poll.id, result.csrf);
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('cache-control'), 'no-store');
    const { snippets, note } = (await answer.json()) as { snippets: SnippetSet; note: string };
    const [, newCode, uri] =
      /^A new device code: enter ([A-Z0-9]{8}) at (\S+) and allow access/.exec(note) ?? [];
    assert.ok(newCode && newCode !== userCode, note);
    // The wait grows with each slow_down (RFC 8628 §3.5): the note says so, not only the first interval.
    assert.match(note, /at most once every 5 s .*if it answers slow_down.*wait 5 s longer from then on/);
    assert.ok(snippets.revealed);
    assert.ok(
      (await pageOf('/result')).legs.some((leg) => leg.leg === 'device authorization'),
      'a leg of its own',
    );

    const curl = snippets.snippets.find((snippet) => snippet.target === 'curl')?.text ?? '';
    const report = `curl() { command curl --silent --write-out '\\n%{http_code}' "$@"; }\n`;
    const pending = (await run('bash', ['-c', report + curl], { cwd: TEST_ROOT })).stdout;
    assert.match(pending, /"error":"authorization_pending"[^]*\n400$/);
    await answerDeviceCode(stack, uri, newCode);
    clock += 5_000; // the interval the note asks for
    const granted = (await run('bash', ['-c', report + curl], { cwd: TEST_ROOT })).stdout;
    assert.match(granted, /\n200$/);
    assert.equal(JSON.parse(granted.slice(0, granted.lastIndexOf('\n'))).instance_url, stack.instanceUrl);
  });

  test('an entry that is not in this session, a malformed one, or no CSRF token: refused plainly', async () => {
    const { csrf } = await pageOf('/result');
    assert.equal((await fresh('not-an-entry', csrf)).status, 404);
    assert.equal((await fresh({ id: 1 }, csrf)).status, 400);
    assert.equal((await fresh('not-an-entry', 'forged')).status, 403);
  });
});

describe('renewing an assertion when the key cannot sign', () => {
  let stack: TestStack;
  const client = new TestClient();
  const keyDir = mkdtempSync(path.join(os.tmpdir(), 'take-home-key-'));
  const keyFile = path.join(keyDir, 'jwt.key');
  before(async () => {
    copyFileSync(path.join(TEST_ROOT, 'certs', 'jwt.key'), keyFile);
    stack = await startTestStack({ SF_JWT_KEY_FILE: keyFile });
    await runWebServerFlow(stack, client); // the user approves the app once, so the JWT flow can succeed
  });
  after(async () => {
    await stack.close();
    rmSync(keyDir, { recursive: true, force: true });
  });
  const { pageOf, fresh } = transcriptReader(() => stack, client);

  test('a key moved away since the run: refused with the key named and its fix, not a server error', async () => {
    assert.equal(
      (await postForm(stack, client, '/flows/jwt', '/flows/jwt')).headers.get('location'),
      '/result',
    );
    const result = await pageOf('/result');
    const token = result.legs.filter((leg) => leg.leg === 'token').at(-1);
    assert.ok(token, 'the token leg');
    rmSync(keyFile);
    const answer = await fresh(token.id, result.csrf);
    assert.equal(answer.status, 409);
    const { error, detail } = (await answer.json()) as { error: string; detail: string };
    assert.equal(error, 'No new assertion: the key cannot sign');
    assert.match(detail, /the signing key file \S+jwt\.key cannot be read \(ENOENT\): restore it/);
  });
});

describe('renewing an assertion the "break it" switch broke', () => {
  let stack: TestStack;
  const client = new TestClient();
  before(async () => {
    stack = await startTestStack();
    await runWebServerFlow(stack, client); // the user approves the app once, so the JWT flow can succeed
  });
  after(() => stack.close());
  const { pageOf, fresh } = transcriptReader(() => stack, client);

  test('the new assertion is for the right audience, the note says the switch is left out, and the copy gets a token', async () => {
    const faults = 'wrong-aud';
    await postForm(stack, client, '/flows/jwt', '/teaching/break-it', { flow: 'jwt', faults });
    await postForm(stack, client, '/flows/jwt', '/flows/jwt');
    const page = await pageOf('/flows/jwt');
    assert.match(page.html, /audience is invalid/, 'the attempt failed as the switch meant it to');
    const token = page.legs.find((leg) => leg.leg === 'token');
    assert.ok(token, 'the token leg');
    const answer = await fresh(token.id, page.csrf);
    assert.equal(answer.status, 200);
    const { snippets, note } = (await answer.json()) as { snippets: SnippetSet; note: string };
    assert.match(note, /The "break it" switch this attempt ran with \(a wrong aud\) is not carried over\.$/);
    const curl = snippets.snippets.find((snippet) => snippet.target === 'curl')?.text ?? '';
    const report = `curl() { command curl --silent --write-out '\\n%{http_code}' "$@"; }\n`;
    const sent = (await run('bash', ['-c', report + curl], { cwd: TEST_ROOT })).stdout;
    assert.match(sent, /"access_token"[^]*\n200$/);
  });
});

describe('a copied jsforce call', () => {
  let stack: TestStack;
  const client = new TestClient();
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  test('the client credentials token call made with HTTP Basic gets a token when run as the copy says', async () => {
    await changeSettings(stack, { runAsUserId: ADMIN_ID });
    const flow = '/flows/client-credentials';
    const answer = await postForm(stack, client, flow, flow, { authentication: 'basic' });
    assert.equal(answer.headers.get('location'), '/result');
    const html = await (await client.get(`${stack.appUrl}/result`)).text();
    const entryId = /data-entry="([^"]+)" data-leg="token"/.exec(html)?.[1];
    const csrf = await csrfTokenOf(stack, client, '/result');
    const revealed = await postJson(
      client,
      `${stack.appUrl}/teaching/reveal`,
      JSON.stringify({ entryId }),
      csrf,
    );
    const { snippets } = (await revealed.json()) as { snippets: SnippetSet };
    const jsforce = snippets.snippets.find((snippet) => snippet.target === 'jsforce')?.text ?? '';
    assert.match(jsforce, /new jsforce\.OAuth2\(/);
    // "Save as snippet.mjs in the playground's folder": one with the certificates and the installed packages.
    const folder = mkdtempSync(path.join(os.tmpdir(), 'sf-copy-'));
    try {
      symlinkSync(path.resolve('node_modules'), path.join(folder, 'node_modules'));
      symlinkSync(path.join(TEST_ROOT, 'certs'), path.join(folder, 'certs'));
      writeFileSync(path.join(folder, 'snippet.mjs'), jsforce);
      const { stdout } = await run(process.execPath, ['snippet.mjs'], { cwd: folder });
      assert.match(stdout, /access_token: '00D5j00000PlAyG!/);
      assert.match(stdout, /token_type: 'Bearer'/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
