// Contract tests for the start of Salesforce's device flow: multipart bodies as the Salesforce CLI sends them, the
// scope, client and grant_type it refuses, and the September 2025 block (Enable for Device Flow, app installed).
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { deviceFlowStack } from '../../support/device-emulator.ts';
import { changeSettings, postToken } from '../../support/emulator-api.ts';
import { TestClient } from '../../support/http.ts';

describe('emulator: device flow', () => {
  const device = deviceFlowStack();
  const { start } = device;

  test('accepts multipart/form-data as the Salesforce CLI sends it', async () => {
    const { stack } = device;
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
    const { stack } = device;
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
    const { stack } = device;
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
});
