// Contract tests for the org-side faults the playground arms through OrgControl: each makes the next request it
// concerns fail as a misconfigured org would, with Salesforce's answer, and then disarms.
import assert from '../../support/assert.ts';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { OrgFault } from '../../../server/orgFaults.ts';
import { signAssertion } from '../../support/assertion.ts';
import { ADMIN_ID, changeSettings, postToken } from '../../support/emulator-api.ts';
import { authorizeInBrowser, hiddenValue } from '../../support/emulator-login.ts';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('emulator: org-side faults', () => {
  let stack: TestStack;
  const browser = new TestClient();
  const arm = (fault: OrgFault) => stack.emulator?.context.faults.armOnce([fault]);
  const authorizeUrl = (query: Record<string, string>) =>
    `${stack.emulatorUrl}/services/oauth2/authorize?${new URLSearchParams({
      client_id: stack.config.clientId,
      redirect_uri: stack.config.callbackUrl,
      response_type: 'code',
      state: 's1',
      ...query,
    })}`;
  const jwt = () =>
    postToken(stack.emulatorUrl, {
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: signAssertion({
        iss: stack.config.clientId,
        sub: stack.config.username,
        aud: stack.emulatorUrl,
      }),
    });
  /** The web server flow's code, for a browser already logged in and approved. */
  const code = async (query: Record<string, string> = {}) => {
    const callback = await authorizeInBrowser(
      stack,
      { response_type: 'code', ...query },
      { client: browser },
    );
    return callback.searchParams.get('code') ?? '';
  };
  const exchange = (authorizationCode: string, extra: Record<string, string> = {}) =>
    postToken(stack.emulatorUrl, {
      grant_type: 'authorization_code',
      code: authorizationCode,
      client_id: stack.config.clientId,
      client_secret: stack.config.clientSecret ?? '',
      redirect_uri: stack.config.callbackUrl,
      ...extra,
    });

  before(async () => {
    stack = await startTestStack();
    await code(); // logs the browser in and approves the app
  });
  after(() => stack.close());

  test('callback-mismatch: the next authorize shows redirect_uri_mismatch on the page, then the callback works again', async () => {
    arm('callback-mismatch');
    const refused = await browser.get(authorizeUrl({}));
    assert.equal(refused.status, 400);
    assert.equal(refused.headers.get('location'), null);
    assert.match(
      await refused.text(),
      /error=redirect_uri_mismatch&amp;error_description=redirect_uri%20must%20match%20configuration/,
    );
    assert.equal((await browser.get(authorizeUrl({}))).status, 302);
  });

  test('app-blocked: the next authorize goes to RemoteAccessErrorPage with OAUTH_APP_BLOCKED', async () => {
    arm('app-blocked');
    const refused = await browser.get(authorizeUrl({}));
    assert.equal(refused.status, 302);
    assert.equal(
      refused.headers.get('location'),
      `${stack.emulatorUrl}/setup/secur/RemoteAccessErrorPage.apexp?error=OAUTH_APP_BLOCKED&error_description=this+app+is+blocked+by+admin`,
    );
    const page = await (await browser.get(refused.headers.get('location') ?? '')).text();
    assert.match(page, /We can't authorize you because of an OAuth error/);
    assert.match(
      page,
      /error=OAUTH_APP_BLOCKED&amp;error_description=this%20app%20is%20blocked%20by%20admin/,
    );
    assert.equal((await browser.get(authorizeUrl({}))).status, 302);
  });

  test('require-pkce: the next authorize without a challenge is sent back with missing required code challenge', async () => {
    arm('require-pkce');
    const refused = await browser.get(authorizeUrl({}));
    assert.equal(
      refused.headers.get('location'),
      `${stack.config.callbackUrl}?error=invalid_request&error_description=missing+required+code+challenge&state=s1`,
    );
  });

  test('user-agent-blocked: the next user-agent authorize gets unauthorized_client in the fragment', async () => {
    arm('user-agent-blocked');
    const refused = await browser.get(authorizeUrl({}));
    assert.equal(refused.status, 302, 'a web server authorize is not what it concerns');
    const userAgent = await browser.get(authorizeUrl({ response_type: 'token' }));
    assert.equal(
      userAgent.headers.get('location'),
      `${stack.config.callbackUrl}#error=unauthorized_client&error_description=user-agent+flow+is+not+allowed+for+this+org&state=s1`,
    );
  });

  test('"Allow OAuth User-Agent Flows" off on Setup blocks every user-agent login the same way, until it is on again', async () => {
    await changeSettings(stack, { allowUserAgent: undefined });
    try {
      for (let i = 0; i < 2; i++) {
        const userAgent = await browser.get(authorizeUrl({ response_type: 'token' }));
        assert.equal(
          userAgent.headers.get('location'),
          `${stack.config.callbackUrl}#error=unauthorized_client&error_description=user-agent+flow+is+not+allowed+for+this+org&state=s1`,
        );
      }
      assert.ok(await code(), 'the web server flow is not what it concerns');
    } finally {
      await changeSettings(stack, { allowUserAgent: 'on' });
    }
    const allowed = await browser.get(authorizeUrl({ response_type: 'token' }));
    assert.match(allowed.headers.get('location') ?? '', /#access_token=/);
    // A Setup page opened before the switch existed sends no box for it: saving it keeps the setting as it was.
    await changeSettings(stack, { allowUserAgentShown: undefined, allowUserAgent: undefined });
    assert.equal(stack.emulator?.context.state.org.allowUserAgent, true);
  });

  test('require-secret: the next code exchange needs the secret even where the app made it optional', async () => {
    await changeSettings(stack, { requireSecret: undefined });
    arm('require-secret');
    assert.deepEqual((await exchange(await code(), { client_secret: '' })).body, {
      error: 'invalid_client',
      error_description: 'invalid client credentials',
    });
    assert.equal((await exchange(await code(), { client_secret: '' })).status, 200);
    await changeSettings(stack, { requireSecret: 'on' });
  });

  test('admin-approved-no-profile: the code exchange, not the login, answers invalid_app_access', async () => {
    arm('admin-approved-no-profile');
    const refused = await exchange(await code());
    assert.deepEqual(refused.body, {
      error: 'invalid_app_access',
      error_description: 'user is not admin approved to access this app',
    });
    assert.equal((await exchange(await code())).status, 200);
  });

  test('ip-restricted: the next grant answers ip restricted; armed again, the next login is refused', async () => {
    arm('ip-restricted');
    assert.deepEqual((await jwt()).body, { error: 'invalid_grant', error_description: 'ip restricted' });
    assert.equal((await jwt()).status, 200);
    arm('ip-restricted');
    const stranger = new TestClient();
    const loginPage = await (await stranger.get(authorizeUrl({}))).text();
    const refused = await stranger.post(`${stack.emulatorUrl}/services/oauth2/authorize/login`, {
      request: hiddenValue(loginPage, 'request'),
      username: stack.config.username,
      password: stack.config.emulator.password,
    });
    assert.equal(refused.status, 403);
    assert.match(await refused.text(), /You can’t log in from this IP address.*Restricted IP/);
  });

  test('no-run-as and device-blocked: the next client credentials grant and device start are refused once', async () => {
    await changeSettings(stack, { runAsUserId: ADMIN_ID });
    const clientCredentials = () =>
      postToken(stack.instanceUrl, {
        grant_type: 'client_credentials',
        client_id: stack.config.clientId,
        client_secret: stack.config.clientSecret ?? '',
      });
    arm('no-run-as');
    assert.deepEqual((await clientCredentials()).body, {
      error: 'invalid_grant',
      error_description: 'no client credentials user enabled',
    });
    assert.equal((await clientCredentials()).status, 200);
    const device = () =>
      postToken(stack.emulatorUrl, { response_type: 'device_code', client_id: stack.config.clientId });
    arm('device-blocked');
    assert.deepEqual((await device()).body, {
      error: 'invalid_grant',
      error_description: 'device flow is not enabled for the app',
    });
    assert.equal((await device()).status, 200);
  });

  test('with PKCE in the request, require-pkce lets the authorization through', async () => {
    arm('require-pkce');
    const challenge = createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url');
    assert.match(await code({ code_challenge: challenge }), /^aPrx/);
  });
});
