// Contract tests for Salesforce's device flow: the start (4 keys), polling (pending, slow_down, expiry), the
// verification page at /setup/connect, multipart bodies, and the September 2025 block.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { hiddenValue } from '../../support/emulator-login.ts';
import { answerDeviceCode } from '../../support/device.ts';
import { changeSettings, postToken } from '../../support/emulator-api.ts';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('emulator: device flow', () => {
  let stack: TestStack;
  let clock = Date.parse('2026-11-20T10:00:00Z');
  const start = (host = stack.emulatorUrl, scope = 'refresh_token web api openid') =>
    postToken(host, { response_type: 'device_code', client_id: stack.config.clientId, scope });
  const poll = (deviceCode: string, host = stack.emulatorUrl) =>
    postToken(host, { grant_type: 'device', client_id: stack.config.clientId, code: deviceCode });
  const enterCode = (userCode: string, decision: 'allow' | 'deny') =>
    answerDeviceCode(stack, `${stack.emulatorUrl}/setup/connect`, userCode, decision);

  before(async () => {
    stack = await startTestStack({}, { now: () => clock });
  });
  after(() => stack.close());

  test('needs no secret, but refuses a wrong one at the start and at a poll', async () => {
    const invalidClient = { error: 'invalid_client', error_description: 'invalid client credentials' };
    const wrong = { client_id: stack.config.clientId, client_secret: 'wrong' };
    const refused = await postToken(stack.emulatorUrl, {
      response_type: 'device_code',
      scope: 'api',
      ...wrong,
    });
    assert.deepEqual(refused.body, invalidClient);
    const started = await start();
    assert.equal(started.status, 200);
    const code = started.body.device_code as string;
    assert.deepEqual(
      (await postToken(stack.emulatorUrl, { grant_type: 'device', code, ...wrong })).body,
      invalidClient,
    );
    const right = { client_id: stack.config.clientId, client_secret: stack.config.clientSecret ?? '' };
    clock += 10_000;
    assert.equal(
      (await postToken(stack.emulatorUrl, { grant_type: 'device', code, ...right })).body.error,
      'authorization_pending',
    );
  });

  test('starts with exactly user_code, device_code, interval 5 and the called host’s /setup/connect', async () => {
    for (const host of [stack.emulatorUrl, stack.instanceUrl]) {
      const answer = await start(host);
      assert.equal(answer.status, 200);
      assert.deepEqual(Object.keys(answer.body), [
        'user_code',
        'device_code',
        'interval',
        'verification_uri',
      ]);
      assert.match(answer.body.user_code as string, /^[A-Z0-9]{8}$/);
      assert.equal(answer.body.interval, 5);
      assert.equal(answer.body.verification_uri, `${host}/setup/connect`);
      assert.equal(answer.headers.get('cache-control'), 'no-store');
    }
  });

  test('polls: authorization_pending until allowed, slow_down when faster than interval, then the tokens once', async () => {
    const { body } = await start();
    const deviceCode = body.device_code as string;
    const pending = await poll(deviceCode);
    assert.equal(pending.status, 400);
    assert.equal(pending.body.error, 'authorization_pending');
    const tooFast = await poll(deviceCode);
    assert.equal(tooFast.status, 400);
    assert.equal(tooFast.body.error, 'slow_down');
    const approved = await enterCode(body.user_code as string, 'allow');
    assert.equal(approved.status, 200);
    assert.match(approved.html, /You're connected/);
    clock += 10_000; // the interval grew to 10 s after slow_down
    const tokens = await poll(deviceCode);
    assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
    assert.deepEqual(Object.keys(tokens.body), [
      'access_token',
      'refresh_token',
      'signature',
      'scope',
      'id_token',
      'instance_url',
      'id',
      'token_type',
      'issued_at',
    ]);
    assert.equal(tokens.body.scope, 'refresh_token web api openid');
    assert.equal(tokens.body.instance_url, stack.instanceUrl);
    clock += 10_000;
    assert.deepEqual((await poll(deviceCode)).body, {
      error: 'invalid_grant',
      error_description: 'expired authorization code',
    });
  });

  test('a denied code polls access_denied; an unapproved one expires after 10 minutes with expired_token', async () => {
    const denied = (await start()).body;
    assert.match((await enterCode(denied.user_code as string, 'deny')).html, /Access denied/);
    assert.deepEqual((await poll(denied.device_code as string)).body, {
      error: 'access_denied',
      error_description: 'end-user denied authorization',
    });
    const late = (await start()).body;
    clock += 10 * 60 * 1000;
    assert.deepEqual((await poll(late.device_code as string)).body, {
      error: 'expired_token',
      error_description: 'expired device code',
    });
    const page = await new TestClient().post(`${stack.emulatorUrl}/setup/connect`, {
      user_code: late.user_code as string,
    });
    assert.equal(page.status, 400);
    assert.match(await page.text(), /That code is not valid or has expired/);
  });

  test('accepts multipart/form-data as the Salesforce CLI sends it', async () => {
    const body = new FormData();
    body.append('client_id', stack.config.clientId);
    body.append('response_type', 'device_code');
    body.append('scope', 'refresh_token web api');
    // A Response encodes the FormData as multipart/form-data with its boundary, as fetch would send it.
    const encoded = new Response(body);
    const answer = await new TestClient().request(`${stack.emulatorUrl}/services/oauth2/token`, {
      method: 'POST',
      body: Buffer.from(await encoded.arrayBuffer()),
      headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
    });
    assert.equal(answer.status, 200);
    assert.deepEqual(Object.keys((await answer.json()) as object), [
      'user_code',
      'device_code',
      'interval',
      'verification_uri',
    ]);
    const withFile = new FormData();
    withFile.append('grant_type', 'device');
    withFile.append('upload', new Blob(['x']), 'x.txt');
    const fileForm = new Response(withFile);
    const refused = await new TestClient().request(`${stack.emulatorUrl}/services/oauth2/token`, {
      method: 'POST',
      body: Buffer.from(await fileForm.arrayBuffer()),
      headers: { 'content-type': fileForm.headers.get('content-type') ?? '' },
    });
    assert.equal(refused.status, 400);
    assert.deepEqual(await refused.json(), {
      error: 'invalid_request',
      error_description: 'malformed request',
    });
  });

  test('refuses a scope the app lacks, an unknown client, and RFC 8628’s grant_type', async () => {
    assert.deepEqual((await start(stack.emulatorUrl, 'api chatter_api')).body, {
      error: 'invalid_scope',
      error_description: 'the requested scope is not allowed',
    });
    const unknown = await postToken(stack.emulatorUrl, { response_type: 'device_code', client_id: 'nope' });
    assert.deepEqual(unknown.body, {
      error: 'invalid_client_id',
      error_description: 'client identifier invalid',
    });
    const { body } = await start();
    const rfc = await postToken(stack.emulatorUrl, {
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      client_id: stack.config.clientId,
      device_code: body.device_code as string,
    });
    assert.deepEqual(rfc.body, {
      error: 'unsupported_grant_type',
      error_description: 'grant type not supported',
    });
  });

  test('"Enable for Device Flow" off, or the app not installed, refuses the start as Salesforce did from September 2025', async () => {
    for (const change of [{ deviceFlowEnabled: undefined }, { appInstalled: undefined }]) {
      await changeSettings(stack, change);
      const answer = await start();
      assert.equal(answer.status, 400);
      assert.deepEqual(answer.body, {
        error: 'invalid_grant',
        error_description: 'device flow is not enabled for the app',
      });
      await changeSettings(stack, { deviceFlowEnabled: 'on', appInstalled: 'on' });
    }
    assert.equal((await start()).status, 200);
  });

  test('the verification page takes a pre-filled code, and "Not you?" asks for another login', async () => {
    const { body } = await start();
    const browser = new TestClient();
    const form = await browser.get(`${stack.emulatorUrl}/setup/connect?user_code=${body.user_code}`);
    assert.match(await form.text(), new RegExp(`name="user_code"[^>]*value="${body.user_code}"`));
    const typed = (body.user_code as string).toLowerCase().replace(/^(....)/, '$1-');
    const approval = await (
      await browser.post(`${stack.emulatorUrl}/setup/connect`, { user_code: typed })
    ).text();
    assert.match(approval, /name="password"/, 'not logged in yet: the login page');
    const loggedIn = await browser.post(`${stack.emulatorUrl}/setup/connect/login`, {
      request: hiddenValue(approval, 'request'),
      username: stack.config.username,
      password: stack.config.emulator.password,
    });
    const allowPage = await loggedIn.text();
    assert.match(allowPage, new RegExp(`Logged in as ${stack.config.username}`));
    const switched = await browser.post(`${stack.emulatorUrl}/setup/connect/switch`, {
      request: hiddenValue(allowPage, 'request'),
    });
    const again = await switched.text();
    assert.match(again, /name="password"/);
    assert.equal(hiddenValue(again, 'request'), hiddenValue(allowPage, 'request'), 'the same pending code');
  });

  test('answers hostile verification and multipart requests calmly: 400s, no crash, no prototype pollution', async () => {
    const browser = new TestClient();
    await browser.post(`${stack.emulatorUrl}/setup/connect`, { user_code: 'ABCD2345' });
    for (const request of ['__proto__', 'constructor', 'toString']) {
      for (const step of ['login', 'approve', 'switch']) {
        const answer = await browser.post(`${stack.emulatorUrl}/setup/connect/${step}`, {
          request,
          decision: 'allow',
          username: stack.config.username,
          password: stack.config.emulator.password,
        });
        assert.equal(answer.status, 400, `${step} ${request}`);
      }
    }
    const listCode = await browser.request(`${stack.emulatorUrl}/setup/connect`, {
      method: 'POST',
      body: 'user_code=A&user_code=B',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(listCode.status, 400);
    const form = new FormData();
    form.append('__proto__[polluted]', 'yes');
    form.append('constructor[prototype][polluted]', 'yes');
    form.append('grant_type', 'device');
    const encoded = new Response(form);
    const answer = await browser.request(`${stack.emulatorUrl}/services/oauth2/token`, {
      method: 'POST',
      body: Buffer.from(await encoded.arrayBuffer()),
      headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
    });
    assert.equal(answer.status, 400);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
