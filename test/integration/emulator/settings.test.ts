// The emulator's setup page, its permitted-users policy, its persistence across restarts, and hostile input.
import assert from '../../support/assert.ts';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { signAssertion } from '../../support/assertion.ts';
import { changeSettings, postToken } from '../../support/emulator-api.ts';
import { authorizeInBrowser, hiddenValue, loginAndGetToken } from '../../support/emulator-login.ts';
import { saveSettings, setupSession } from '../../support/emulator-setup.ts';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

const GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** A demo user's security token, as the emulator's home page shows it. */
function securityTokenOf(html: string, username: string): string {
  const token = new RegExp(`data-security-token="${username}">([A-Za-z0-9]+)<`).exec(html)?.[1];
  assert.ok(token, `no security token shown for ${username}`);
  return token;
}

describe('emulator: settings, policy, persistence, robustness', () => {
  let stack: TestStack;
  let dataDir: string;
  const client = new TestClient();
  const jwt = (username: string) =>
    client.post(`${stack.emulatorUrl}/services/oauth2/token`, {
      grant_type: GRANT,
      assertion: signAssertion({
        iss: stack.config.clientId,
        sub: username,
        aud: 'https://login.salesforce.com',
      }),
    });

  before(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'sf-emulator-persist-'));
    stack = await startTestStack({ EMULATOR_DATA_DIR: dataDir });
  });
  after(async () => {
    await stack.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('refuses a private key pasted as the certificate, with an explanation, and saves nothing', async () => {
    const key = readFileSync(
      path.join(os.tmpdir(), 'sf-oauth-playground-test-root', 'certs', 'jwt.key'),
      'utf8',
    );
    const before = stack.emulator?.context.state.settings.certificatePem;
    const { status, html } = await saveSettings(stack, { certificatePem: key });
    assert.equal(status, 400);
    assert.match(html, /That is a private key, not a certificate/);
    assert.equal(stack.emulator?.context.state.settings.certificatePem, before);
    assert.match(
      (await saveSettings(stack, { certificatePem: 'hello' })).html,
      /must be a PEM X\.509 certificate/,
    );
  });

  test('keeps a certificate sent from the textarea (CRLF line endings, as browsers send them) with LF', async () => {
    const pem = stack.emulator?.context.state.settings.certificatePem ?? '';
    assert.equal((await saveSettings(stack, { certificatePem: pem.replace(/\n/g, '\r\n') })).status, 200);
    assert.equal(stack.emulator?.context.state.settings.certificatePem, `${pem.trim()}\n`);
  });

  test('refuses a field sent twice instead of joining its values, and saves nothing', async () => {
    const before = stack.emulator?.context.state.settings.callbackUrls;
    const callbackUrls = [before?.join('\n') ?? '', 'https://y.example/cb'];
    const { status, html } = await saveSettings(stack, { callbackUrls });
    assert.equal(status, 400);
    assert.match(html, /The form sent callbackUrls more than once: send it once\./);
    assert.deepEqual(stack.emulator?.context.state.settings.callbackUrls, before);
  });

  test('"Admin approved users are pre-authorized" lets assigned profiles in without approval and keeps others out', async () => {
    assert.equal(
      (await saveSettings(stack, { policy: 'admin-approved', profiles: 'System Administrator' })).status,
      200,
    );
    assert.equal((await jwt(stack.config.username)).status, 200);
    assert.deepEqual(await (await jwt('standard@playground.local')).json(), {
      error: 'invalid_grant',
      error_description: "user hasn't approved this consumer",
    });
    const callback = await authorizeInBrowser(
      stack,
      { response_type: 'code' },
      { username: 'standard@playground.local' },
    );
    const exchange = await client.post(`${stack.emulatorUrl}/services/oauth2/token`, {
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code') ?? '',
      client_id: stack.config.clientId,
      client_secret: stack.config.clientSecret ?? '',
      redirect_uri: stack.config.callbackUrl,
    });
    assert.deepEqual(await exchange.json(), {
      error: 'invalid_app_access',
      error_description: 'user is not admin approved to access this app',
    });
  });

  test('under "Admin approved users are pre-authorized", an unassigned user cannot refresh or log in by password either', async () => {
    await changeSettings(stack, { policy: 'self-authorize', allowUsernamePassword: 'on' });
    const standard = 'standard@playground.local';
    const { refresh_token: refreshToken } = await loginAndGetToken(stack, { username: standard });
    await changeSettings(stack, { policy: 'admin-approved', profiles: 'System Administrator' });
    const notApproved = {
      error: 'invalid_app_access',
      error_description: 'user is not admin approved to access this app',
    };
    const secret = stack.config.clientSecret ?? '';
    const refreshed = await postToken(stack.emulatorUrl, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: stack.config.clientId,
      client_secret: secret,
    });
    assert.deepEqual(refreshed.body, notApproved);
    const security = securityTokenOf(await (await client.get(`${stack.emulatorUrl}/`)).text(), standard);
    const byPassword = await postToken(stack.emulatorUrl, {
      grant_type: 'password',
      client_id: stack.config.clientId,
      client_secret: secret,
      username: standard,
      password: stack.config.emulator.password + security,
    });
    // The password grant gives nearly every refusal the same answer; the reason is in Login History only.
    assert.deepEqual(byPassword.body, {
      error: 'invalid_grant',
      error_description: 'authentication failure',
    });
    // Assigned again, the same refresh token works: the policy refused it, nothing revoked it.
    await changeSettings(stack, { policy: 'self-authorize' });
    const again = await postToken(stack.emulatorUrl, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: stack.config.clientId,
      client_secret: secret,
    });
    assert.equal(again.status, 200);
    await changeSettings(stack, { allowUsernamePassword: undefined });
  });

  test('keeps settings, approvals and tokens across a restart, in a private file', async () => {
    await saveSettings(stack, { policy: 'self-authorize' });
    const tokens = await loginAndGetToken(stack);
    const file = path.join(dataDir, 'emulator-state.json');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.ok(!readFileSync(file, 'utf8').includes(tokens.access_token), 'tokens are stored as hashes');
    await stack.close();
    stack = await startTestStack({ EMULATOR_DATA_DIR: dataDir });
    assert.equal((await jwt(stack.config.username)).status, 200, 'the approval survived');
    const query = await client.get(`${stack.instanceUrl}/services/data/v66.0/query?q=SELECT+Id+FROM+Case`, {
      authorization: `Bearer ${tokens.access_token}`,
    });
    assert.equal(query.status, 200, 'the access token survived');
  });

  test('reset forgets approvals and tokens', async () => {
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

  test('answers hostile input with Salesforce errors, never a crash or a stack trace', async () => {
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
