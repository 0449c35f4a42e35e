// Where learners get stuck before the first success: the pre-flight that explains Salesforce's own error pages,
// the paste-an-error page, and http:// on the app's port (the setup doctor has its own file).
import assert from '../support/assert.ts';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { postForm } from '../support/flows.ts';
import { saveSettings } from '../support/emulator-setup.ts';
import { DOCUMENTED_ERRORS } from '../support/documented-errors.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack, TEST_ROOT, type TestStack } from '../support/stack.ts';

describe('the trouble path', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  const explainPasted = async (text: string) => {
    const answer = await postForm(stack, new TestClient(), '/explain', '/explain', { text });
    assert.equal(answer.status, 200);
    return answer.text();
  };

  test('the paste-an-error page explains every error string the wire references document', async () => {
    for (const [error, description] of DOCUMENTED_ERRORS) {
      const pasted = description
        ? `error=${error}&error_description=${encodeURIComponent(description)}`
        : error;
      const html = await explainPasted(pasted);
      assert.ok(html.includes(`<code>${error}</code>`), `${pasted}: the code is read`);
      // The page escapes the apostrophe: match it either way, or this check could never fail.
      assert.doesNotMatch(html, /not in the playground(?:'|&#39;)s catalogue/, `${pasted} is explained`);
    }
  });

  test('a pasted JSON body, log line or callback URL is read as Salesforce would have said it', async () => {
    assert.match(
      await explainPasted('HTTP 400 - {"error":"invalid_grant","error_description":"audience is invalid"}'),
      /Wrong aud in the assertion/,
    );
    assert.match(
      await explainPasted('ERROR: invalid_client_id: client identifier invalid'),
      /does not know this consumer key/,
    );
    assert.match(
      await explainPasted('Error authenticating with the refresh token due to: ip restricted'),
      /IP address the org does not allow/,
    );
    const both = await explainPasted(
      '{"error":"invalid_grant","error_description":"expired authorization code"}',
    );
    assert.match(both, /more than one common cause/);
    assert.match(both, /The assertion had already expired/);
    assert.match(both, /The code was already used or is too old/);
    assert.match(await explainPasted('nothing to see here'), /No Salesforce error was found/);
  });

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
    assert.ok(html.includes(`Sent: ${sent}, though SF_CALLBACK_URL here is ${stack.config.callbackUrl}.`));
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
      assert.ok(page.includes(`Sent: ${stack.config.callbackUrl} (SF_CALLBACK_URL). Compare it`));
      assert.match(page, /href="\/flows\/web-server\/start\?anyway=1"/);
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

  test('a fix given as a Connected App path points External Client App owners to the table of names', async () => {
    const html = await explainPasted(
      'error=invalid_scope&error_description=the%20requested%20scope%20is%20not%20allowed',
    );
    assert.match(html, /App Manager → your app → Edit → Selected OAuth Scopes/);
    assert.match(
      html,
      /An External Client App has the same settings under other names: see <a href="\/setup#per-flow">/,
    );
    const other = await explainPasted('error=invalid_grant&error_description=expired%20authorization%20code');
    assert.doesNotMatch(other, /An External Client App has the same settings/);
  });

  test('a wrong consumer key or secret is explained with where each kind of app shows them', async () => {
    for (const pasted of [
      'error=invalid_client_id&error_description=client%20identifier%20invalid',
      'error=invalid_client&error_description=invalid%20client%20credentials',
    ]) {
      const html = await explainPasted(pasted);
      assert.match(html, /App Manager → your app → View → Manage Consumer Details/, pasted);
      assert.match(
        html,
        /External Client App Manager → your app → Settings → OAuth Settings → Consumer Key and Secret/,
        pasted,
      );
    }
    // Both paths are given, so the pointer to the table of names would only repeat them.
    const keyOnly = await explainPasted(
      'error=invalid_client_id&error_description=client%20identifier%20invalid',
    );
    assert.doesNotMatch(keyOnly, /An External Client App has the same settings/);
  });

  test('client credentials without a Run As user names both places an External Client App enables the flow', async () => {
    const html = await explainPasted(
      'error=invalid_grant&error_description=no%20client%20credentials%20user%20enabled',
    );
    assert.match(html, /under Settings → Flow Enablement and under Policies, where Run As is/);
    const page = await (await new TestClient().get(`${stack.appUrl}/flows/client-credentials`)).text();
    assert.match(
      page,
      /Settings →\s+Flow Enablement →\s+<em>Enable Client Credentials\s+Flow<\/em>, and Policies/,
    );
  });

  test('in emulator mode, a fix given as a Salesforce Setup path links the emulator’s own Setup page', async () => {
    const html = await explainPasted(
      'error=invalid_grant&error_description=no%20client%20credentials%20user%20enabled',
    );
    assert.ok(
      html.includes(
        `its app and org settings are on <a href="${stack.emulatorUrl}/setup">its Setup page</a>`,
      ),
      'no link to the emulator’s Setup page',
    );
    const noSetupPath = await explainPasted(
      'error=invalid_grant&error_description=expired%20authorization%20code',
    );
    assert.doesNotMatch(noSetupPath, /its app and org settings are on/);
    // Setup → My Domain is a Salesforce page the emulator has no copy of: no link there.
    const myDomain = await explainPasted(
      'error=invalid_grant&error_description=request%20not%20supported%20on%20this%20domain',
    );
    assert.match(myDomain, /Setup → My Domain shows it/);
    assert.doesNotMatch(myDomain, /its app and org settings are on/);
  });

  test('the setup guide says when to use each of the seven flows', async () => {
    const html = await (await new TestClient().get(`${stack.appUrl}/setup`)).text();
    const which = html.slice(html.indexOf('id="which"'));
    for (const flow of [
      'JWT bearer',
      'Web server + PKCE',
      'User-agent',
      'Client credentials',
      'Refresh token',
      'Device',
      'Username-password',
    ]) {
      assert.match(which, new RegExp(`<li><strong>${flow.replace('+', '\\+')}</strong>: `), flow);
    }
  });

  test('plain http:// on the app port is answered with a redirect to https://', async () => {
    const answer: http.IncomingMessage = await new Promise((resolve) =>
      http.get(`http://localhost:${stack.app?.port}/flows/jwt?x=1`, resolve),
    );
    answer.resume();
    assert.equal(answer.statusCode, 308);
    assert.equal(answer.headers.location, `https://localhost:${stack.app?.port}/`);
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
  });
});
