// Contract tests for Salesforce's device flow, start to tokens: the secret it needs not but checks, the start's 4
// keys, polling (authorization_pending, slow_down, the tokens once), a denied code and an expired one.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { deviceFlowStack } from '../../support/device-emulator.ts';
import { changeSettings, postToken } from '../../support/emulator-api.ts';
import { TestClient } from '../../support/http.ts';

describe('emulator: device flow', () => {
  const device = deviceFlowStack();
  const { start, poll, enterCode } = device;

  test('needs no secret, but refuses a wrong one at the start and at a poll', async () => {
    const { stack } = device;
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
    device.clock += 10_000;
    assert.equal(
      (await postToken(stack.emulatorUrl, { grant_type: 'device', code, ...right })).body.error,
      'authorization_pending',
    );
  });

  test('starts with exactly user_code, device_code, interval 5 and the called host’s /setup/connect', async () => {
    const { stack } = device;
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
    const { stack } = device;
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
    device.clock += 10_000; // the interval grew to 10 s after slow_down
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
    device.clock += 10_000;
    assert.deepEqual((await poll(deviceCode)).body, {
      error: 'invalid_grant',
      error_description: 'expired authorization code',
    });
  });

  test('allowed by a user the admin-approved app does not let in: the page does not promise access, and the poll is refused', async () => {
    const { stack } = device;
    await changeSettings(stack, { policy: 'admin-approved', profiles: 'Standard User' });
    try {
      const { body } = await start();
      const approved = await enterCode(body.user_code as string, 'allow');
      assert.doesNotMatch(approved.html, /it gets its access/);
      assert.match(approved.html, /not among the users this app lets in/);
      device.clock += 5_000;
      const refused = await poll(body.device_code as string);
      assert.equal(refused.body.error, 'invalid_app_access');
    } finally {
      await changeSettings(stack, { policy: 'self-authorize' });
    }
  });

  test('a denied code polls access_denied; an unapproved one expires after 10 minutes with expired_token', async () => {
    const { stack } = device;
    const denied = (await start()).body;
    assert.match((await enterCode(denied.user_code as string, 'deny')).html, /Access denied/);
    assert.deepEqual((await poll(denied.device_code as string)).body, {
      error: 'access_denied',
      error_description: 'end-user denied authorization',
    });
    const late = (await start()).body;
    device.clock += 10 * 60 * 1000;
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
});
