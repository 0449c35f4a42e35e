// The emulator answers hostile input (a huge form, broken JSON, bad percent-encoding, a wrong method) with
// Salesforce's errors, never a crash or a stack trace, and keeps serving.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { settingsStack } from '../../support/settings-stack.ts';

describe('emulator: settings, policy, persistence, robustness', () => {
  const emulator = settingsStack();
  const { client } = emulator;

  test('answers hostile input with Salesforce errors, never a crash or a stack trace', async () => {
    const { stack } = emulator;
    const token = `${stack.emulatorUrl}/services/oauth2/token`;
    const huge = await client.request(token, {
      method: 'POST',
      body: `grant_type=${'x'.repeat(200_000)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(huge.status, 400);
    assert.deepEqual(await huge.json(), { error: 'invalid_request', error_description: 'malformed request' });
    const json = await client.request(token, {
      method: 'POST',
      body: '{"grant_type":',
      headers: { 'content-type': 'application/json' },
    });
    assert.deepEqual(await json.json(), {
      error: 'unsupported_grant_type',
      error_description: 'grant type not supported',
    });
    const badEncoding = await client.request(token, {
      method: 'POST',
      body: 'grant_type=%E0%A4%A&assertion=%%%',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(badEncoding.status, 400);
    assert.doesNotMatch(await badEncoding.text(), /at .*\.ts|Error:/);
    const put = await client.request(
      `${stack.instanceUrl}/services/data/v66.0/query?q=SELECT+Id+FROM+Account`,
      { method: 'PUT' },
    );
    assert.equal(put.status, 405);
    assert.equal(((await put.json()) as { errorCode: string }[])[0].errorCode, 'METHOD_NOT_ALLOWED');
    const after = await client.get(`${stack.emulatorUrl}/services/data/`);
    assert.equal(after.status, 200, 'still serving');
  });
});
