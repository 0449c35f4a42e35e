// The trouble path's pre-flight: Salesforce's own error pages explained before the browser leaves, with the request's
// values (the emulator's error page, an unknown callback URL, a wrong consumer key at a real org).
import assert from '../support/assert.ts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { hiddenValue } from '../support/emulator-login.ts';
import { postForm } from '../support/flows.ts';
import { saveSettings } from '../support/emulator-setup.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack, TEST_ROOT, type TestStack } from '../support/stack.ts';

describe('the trouble path', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  test("a link from the emulator's error page explains the error with the request's redirect_uri", async () => {
    const sent = 'https://localhost:1/elsewhere.html';
    const query = new URLSearchParams({
      error: 'redirect_uri_mismatch',
      error_description: 'redirect_uri must match configuration',
      redirect_uri: sent,
      client_id: stack.config.clientId,
    });
    const html = await (await new TestClient().get(`${stack.appUrl}/explain?${query}`)).text();
    assert.match(html, /The callback URL does not match the app/);
    const ours = 'this playground&#39;s callback (on its PORT, as SF_CALLBACK_URL is not set)';
    assert.ok(html.includes(`Sent: ${sent}, though ${ours} is ${stack.config.callbackUrl}.`));
  });

  test('a callback URL the app does not have is explained before the browser leaves, with "send me anyway"', async () => {
    const registered = stack.emulator?.context.state.settings.callbackUrls ?? [];
    await saveSettings(stack, { callbackUrls: 'https://localhost:1/other.html' });
    try {
      const client = new TestClient();
      const start = await client.get(`${stack.appUrl}/flows/web-server/start`);
      assert.equal(start.headers.get('location'), '/flows/web-server#teaching-heading');
      const page = await (await client.get(`${stack.appUrl}/flows/web-server`)).text();
      assert.match(page, /The callback URL does not match the app/);
      assert.ok(
        page.includes(
          `Sent: ${stack.config.callbackUrl}, the playground&#39;s own callback on its port (PORT;`,
        ),
      );
      assert.match(page, /href="\/flows\/web-server\/start\?anyway=1"/);
      assert.match(page, /Salesforce would\s+have shown its own error page/);
      const doctor = new TestClient();
      await postForm(stack, doctor, '/setup', '/setup/check');
      const report = await (await doctor.get(`${stack.appUrl}/setup`)).text();
      assert.match(report, /data-check="client" data-state="fail"/);
      assert.ok(
        report.includes(`Fix: add ${stack.config.callbackUrl} to the app&#39;s Callback URLs, exactly.`),
      );
      const anyway = await client.get(`${stack.appUrl}/flows/web-server/start?anyway=1`);
      assert.ok(
        anyway.headers.get('location')?.startsWith(`${stack.emulatorUrl}/services/oauth2/authorize?`),
      );
    } finally {
      await saveSettings(stack, { callbackUrls: registered.join('\n') });
    }
  });

  test('a refusal Salesforce would send back to the callback is told as that round trip, not as its own page', async () => {
    const client = new TestClient();
    const flowPage = await (await client.get(`${stack.appUrl}/flows/web-server`)).text();
    const armed = await client.post(`${stack.appUrl}/teaching/break-it`, {
      _csrf: hiddenValue(flowPage, '_csrf'),
      flow: 'web-server',
      faults: 'require-pkce',
    });
    assert.equal(armed.status, 303);
    const start = await client.get(`${stack.appUrl}/flows/web-server/start`);
    assert.equal(start.headers.get('location'), '/flows/web-server#teaching-heading');
    const page = await (await client.get(`${stack.appUrl}/flows/web-server`)).text();
    assert.match(page, /The app requires PKCE/);
    assert.match(page, /sent the browser straight back to this app's callback with the error above/);
    assert.doesNotMatch(page, /its own error page/);
    assert.match(page, /href="\/flows\/web-server\/start\?anyway=1&amp;fault=require-pkce&amp;sig=/);
  });
});

describe('the trouble path against a real org (a second emulator playing it)', () => {
  let org: TestStack;
  let app: TestStack;
  before(async () => {
    org = await startTestStack({}, { emulatorOnly: true });
    const ca = readFileSync(path.join(TEST_ROOT, 'certs', 'server.crt'), 'utf8');
    app = await startTestStack(
      { SF_LOGIN_URL: org.emulatorUrl, SF_CLIENT_ID: '3MVG9WrongKey', SF_USERNAME: 'admin@playground.local' },
      { extraCa: ca },
    );
  });
  after(async () => {
    await app.close();
    await org.close();
  });

  test('a wrong consumer key ends on the explanation, naming the key that was sent', async () => {
    const client = new TestClient();
    await client.get(app.accessUrl ?? '');
    const start = await client.get(`${app.appUrl}/flows/web-server/start`);
    assert.equal(start.headers.get('location'), '/flows/web-server#teaching-heading');
    const page = await (await client.get(`${app.appUrl}/flows/web-server`)).text();
    assert.match(page, /<code>invalid_client_id<\/code>: <code>client identifier invalid<\/code>/);
    assert.match(page, /Salesforce does not know this consumer key/);
    assert.match(page, /The request carried client_id=3MVG9WrongKey\./);
    // The fix names the setting the key goes into, read at start: hence the restart.
    assert.match(page, /into SF_CLIENT_ID, without surrounding spaces/);
    assert.match(page, /The playground reads its settings when it starts/);
  });
});
