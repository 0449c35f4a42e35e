// The emulator's state on disk: settings, approvals and tokens kept across a restart in a private file, and the
// setup page's reset forgetting approvals and tokens.
import assert from '../../support/assert.ts';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { hiddenValue, loginAndGetToken } from '../../support/emulator-login.ts';
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

  test('reset forgets approvals and tokens', async () => {
    const { stack } = emulator;
    const admin = await setupSession(stack);
    const reset = await admin.client.post(`${stack.emulatorUrl}/setup/reset`, {
      csrf: hiddenValue(admin.page, 'csrf'),
    });
    assert.match(await reset.text(), /The emulator was reset/);
    assert.deepEqual(await (await jwt(stack.config.username)).json(), {
      error: 'invalid_grant',
      error_description: "user hasn't approved this consumer",
    });
  });
});
