// The emulator's state on disk: settings, approvals and tokens kept across a restart in a private file, and the
// setup page's reset forgetting approvals and tokens.
import assert from '../../support/assert.ts';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { answerDeviceCode } from '../../support/device.ts';
import { postToken } from '../../support/emulator-api.ts';
import { authorizeInBrowser, hiddenValue, loginAndGetToken } from '../../support/emulator-login.ts';
import { saveSettings, setupSession } from '../../support/emulator-setup.ts';
import { settingsStack } from '../../support/settings-stack.ts';
import { startTestStack } from '../../support/stack.ts';

describe('emulator: settings, policy, persistence, robustness', () => {
  const emulator = settingsStack();
  const { client, jwt } = emulator;

  test('keeps settings, approvals and tokens across a restart, in a private file', async () => {
    const { dataDir } = emulator;
    let { stack } = emulator;
    await saveSettings(stack, { policy: 'self-authorize' });
    const tokens = await loginAndGetToken(stack);
    const file = path.join(dataDir, 'emulator-state.json');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.ok(!readFileSync(file, 'utf8').includes(tokens.access_token), 'tokens are stored as hashes');
    await stack.close();
    stack = await startTestStack({ EMULATOR_DATA_DIR: dataDir });
    emulator.stack = stack;
    assert.equal((await jwt(stack.config.username)).status, 200, 'the approval survived');
    const query = await client.get(`${stack.instanceUrl}/services/data/v66.0/query?q=SELECT+Id+FROM+Case`, {
      authorization: `Bearer ${tokens.access_token}`,
    });
    assert.equal(query.status, 200, 'the access token survived');
  });

  test('reset forgets approvals and tokens, and the codes and device approvals that would become tokens', async () => {
    const { stack } = emulator;
    // A login's code not yet exchanged, and a device code approved but not yet polled.
    const callback = await authorizeInBrowser(stack, { response_type: 'code', scope: 'api' });
    const start = await postToken(stack.emulatorUrl, {
      response_type: 'device_code',
      client_id: stack.config.clientId,
      scope: 'api',
    });
    const approved = await answerDeviceCode(
      stack,
      String(start.body.verification_uri),
      String(start.body.user_code),
    );
    assert.equal(approved.status, 200);
    const admin = await setupSession(stack);
    const reset = await admin.client.post(`${stack.emulatorUrl}/setup/reset`, {
      csrf: hiddenValue(admin.page, 'csrf'),
    });
    assert.equal(reset.status, 303);
    assert.match(
      await (await admin.client.get(`${stack.emulatorUrl}/setup`)).text(),
      /The emulator was reset/,
    );
    assert.deepEqual(await (await jwt(stack.config.username)).json(), {
      error: 'invalid_grant',
      error_description: "user hasn't approved this consumer",
    });
    const exchange = await postToken(stack.emulatorUrl, {
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code') ?? '',
      client_id: stack.config.clientId,
      client_secret: stack.config.clientSecret ?? '',
      redirect_uri: stack.config.callbackUrl,
    });
    assert.equal(exchange.status, 400);
    assert.equal(exchange.body.error_description, 'expired authorization code');
    const poll = await postToken(stack.emulatorUrl, {
      grant_type: 'device',
      client_id: stack.config.clientId,
      code: String(start.body.device_code),
    });
    assert.equal(poll.status, 400);
    assert.equal(poll.body.access_token, undefined);
  });
});
