// The emulator's own pages for the new lessons: logout (end_session_endpoint), "Not you?", Salesforce's OAuth error
// pages with the link to the playground, the demo box on the login page, and Setup's new settings.
import assert from '../../support/assert.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ADMIN_ID, changeSettings, postToken } from '../../support/emulator-api.ts';
import {
  authorizeInBrowser,
  followLogin,
  hiddenValue,
  loginAndGetToken,
} from '../../support/emulator-login.ts';
import { saveSettings } from '../../support/emulator-setup.ts';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('emulator: pages', () => {
  let stack: TestStack;
  let dataDir: string;
  const authorizeUrl = (query: Record<string, string> = {}) =>
    `${stack.emulatorUrl}/services/oauth2/authorize?${new URLSearchParams({
      client_id: stack.config.clientId,
      redirect_uri: stack.config.callbackUrl,
      response_type: 'code',
      ...query,
    })}`;
  /** A browser at a consent request's login page, logging in as the demo admin: the login form's answer. */
  const logInForConsent = async (browser: TestClient) => {
    const loginPage = await (await browser.get(authorizeUrl({ prompt: 'consent' }))).text();
    return browser.post(`${stack.emulatorUrl}/services/oauth2/authorize/login`, {
      request: hiddenValue(loginPage, 'request'),
      username: stack.config.username,
      password: stack.config.emulator.password,
    });
  };

  before(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'sf-emulator-pages-'));
    stack = await startTestStack({ EMULATOR_DATA_DIR: dataDir });
  });
  after(async () => {
    try {
      await stack?.close(); // undefined when the start failed
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('a mistyped page is a page for a browser and the JSON error for an API caller', async () => {
    const client = new TestClient();
    const page = await client.get(`${stack.emulatorUrl}/setup/typo`, { accept: 'text/html,*/*;q=0.8' });
    assert.equal(page.status, 404);
    const html = await page.text();
    assert.match(html, /<html lang="en">/);
    assert.match(html, /<title>Page not found/);
    assert.match(html, /Its pages are the home page, Setup/);
    assert.doesNotMatch(html, /typo/, 'the address is not echoed');
    const api = await client.get(`${stack.emulatorUrl}/setup/typo`, { accept: 'application/json' });
    assert.equal(api.status, 404);
    assert.deepEqual(await api.json(), [
      { message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' },
    ]);
    const services = await client.get(`${stack.emulatorUrl}/services/nope`, { accept: 'text/html' });
    assert.match(services.headers.get('content-type') ?? '', /json/);
  });

  test('the home page names what its Setup page changes, the CORS allowlist and JWT-based tokens among them', async () => {
    const html = await (await new TestClient().get(`${stack.emulatorUrl}/`)).text();
    const said =
      /<h2>The connected app<\/h2>\s*<p>([\s\S]*?)<\/p>/.exec(html)?.[1].replace(/\s+/g, ' ') ?? '';
    for (const setting of ['scopes', 'JWT-based access tokens', 'CORS allowlist', 'Run As user']) {
      assert.ok(said.includes(setting), `names ${setting}: ${said}`);
    }
  });

  test('logout ends the login and returns to a registered origin; the next authorize asks to log in again', async () => {
    const browser = new TestClient();
    await authorizeInBrowser(stack, { response_type: 'code' }, { client: browser });
    assert.equal((await browser.get(authorizeUrl())).status, 302, 'logged in: straight back to the app');
    const back = `${stack.appUrl}/signed-out`;
    const logout = await browser.get(
      `${stack.emulatorUrl}/services/auth/idp/oidc/logout?${new URLSearchParams({ post_logout_redirect_uri: back })}`,
    );
    assert.equal(logout.status, 302);
    assert.equal(logout.headers.get('location'), back);
    // The state a client sent comes back with it (OpenID Connect RP-Initiated Logout).
    const withState = await browser.get(
      `${stack.emulatorUrl}/services/auth/idp/oidc/logout?${new URLSearchParams({ post_logout_redirect_uri: back, state: 'st-1' })}`,
    );
    assert.equal(withState.headers.get('location'), `${back}${back.includes('?') ? '&' : '?'}state=st-1`);
    const again = await browser.get(authorizeUrl());
    assert.equal(again.status, 200);
    assert.match(await again.text(), /name="password"/);
  });

  test('logout also takes a POST with its parameters in the form, as RP-Initiated Logout asks of an OP', async () => {
    const browser = new TestClient();
    await authorizeInBrowser(stack, { response_type: 'code' }, { client: browser });
    const back = `${stack.appUrl}/signed-out`;
    const logout = await browser.post(`${stack.emulatorUrl}/services/auth/idp/oidc/logout`, {
      post_logout_redirect_uri: back,
      state: 'st-2',
    });
    assert.equal(logout.status, 302);
    assert.equal(logout.headers.get('location'), `${back}?state=st-2`);
    const again = await browser.get(authorizeUrl());
    assert.equal(again.status, 200, 'the login ended: authorize asks to log in again');
    assert.match(await again.text(), /name="password"/);
  });

  test('logout with an unregistered post_logout_redirect_uri shows a page instead of redirecting', async () => {
    const logout = await new TestClient().get(
      `${stack.emulatorUrl}/services/auth/idp/oidc/logout?post_logout_redirect_uri=https%3A%2F%2Fevil.example%2F`,
    );
    assert.equal(logout.status, 200);
    assert.equal(logout.headers.get('location'), null);
    assert.match(await logout.text(), /You are logged out/);
  });

  test('the approval after a login is a page of its own: Back to it once answered says the request ended', async () => {
    const browser = new TestClient();
    const login = await logInForConsent(browser);
    const approvalUrl = `${stack.emulatorUrl}${login.headers.get('location')}`;
    const approval = await browser.get(approvalUrl);
    assert.equal(approval.status, 200);
    const approvalPage = await approval.text();
    // Each scope by the permission Salesforce's settings name it by; only an Allow is remembered.
    assert.match(approvalPage, /<li>Manage user data via APIs \(api\)<\/li>/);
    assert.match(approvalPage, /<li>Perform requests at any time \(refresh_token\)<\/li>/);
    assert.match(approvalPage, /A\s+denial is not: the next login asks again\./);
    const allowed = await browser.post(`${stack.emulatorUrl}/services/oauth2/authorize/approve`, {
      request: hiddenValue(approvalPage, 'request'),
      decision: 'allow',
    });
    assert.equal(allowed.status, 302);
    assert.match(allowed.headers.get('location') ?? '', /[?&]code=/);
    const back = await browser.get(approvalUrl);
    assert.equal(back.status, 400);
    const backPage = await back.text();
    assert.match(backPage, /This login request has expired/);
    // The usual way here is Back after an answer: the page says where the way on is, as it links nowhere.
    assert.match(
      backPage,
      /Came back here after Allow or Deny\? That answer went to the application already: go back to it and start the login again there\./,
    );
    // Another browser has no such request, even with its address.
    assert.equal((await new TestClient().get(approvalUrl)).status, 400);
  });

  test('"Not you?" on the approval page ends the login and asks again for the same request', async () => {
    const browser = new TestClient();
    const approval = await logInForConsent(browser);
    // Post/Redirect/Get: the approval is a page of its own, so Back never sends the password again.
    assert.equal(approval.status, 303);
    assert.match(
      approval.headers.get('location') ?? '',
      /^\/services\/oauth2\/authorize\/approve\?request=[0-9a-f]{32}$/,
    );
    const approvalPage = await (await followLogin(browser, stack.emulatorUrl, approval)).text();
    assert.match(approvalPage, /Allow access\?/);
    assert.match(approvalPage, /Not you\?/);
    const switched = await browser.post(`${stack.emulatorUrl}/services/oauth2/authorize/switch`, {
      request: hiddenValue(approvalPage, 'request'),
    });
    const again = await switched.text();
    assert.match(again, /name="password"/);
    assert.equal(hiddenValue(again, 'request'), hiddenValue(approvalPage, 'request'));
    assert.match(again, /id="username"[^>]*value=""/, 'the username is asked afresh');
    const stillOut = await browser.get(authorizeUrl());
    assert.match(await stillOut.text(), /name="password"/, 'the login really ended');
  });

  test('the login page shows "Not you?" for a pre-filled username and a clearly marked box of demo users', async () => {
    const page = await (
      await new TestClient().get(authorizeUrl({ login_hint: 'standard@playground.local' }))
    ).text();
    assert.match(
      page,
      /standard@playground\.local · <button type="submit" class="emu-link">Not you\?<\/button>/,
    );
    assert.match(page, /<aside class="emu-teaching" aria-label="Local emulator demo users">/);
    assert.match(page, /<code>inactive@playground\.local<\/code>: Standard User, inactive/);
  });

  test('Salesforce’s error pages link, clearly marked, to the playground’s explanation of the error', async () => {
    const unknownClient = await new TestClient().get(authorizeUrl({ client_id: 'nope' }));
    assert.equal(unknownClient.status, 400);
    const html = await unknownClient.text();
    assert.match(html, /error=invalid_client_id&amp;error_description=client%20identifier%20invalid/);
    assert.match(html, /Local emulator, not part of Salesforce's page/);
    assert.ok(
      html.includes(
        `href="${stack.appUrl}/explain?error=invalid_client_id&amp;error_description=client+identifier+invalid&amp;client_id=nope"`,
      ),
    );
    // An unknown callback: the link carries the redirect_uri sent, and the explanation compares it with the app's.
    const wrongCallback = 'https://localhost:9/oauthcallback.html';
    const mismatch = await (await new TestClient().get(authorizeUrl({ redirect_uri: wrongCallback }))).text();
    const link = /href="([^"]*\/explain\?[^"]*)"/.exec(mismatch)?.[1]?.replaceAll('&amp;', '&') ?? '';
    assert.equal(new URL(link).searchParams.get('redirect_uri'), wrongCallback, link);
    const explained = await (await new TestClient().get(link)).text();
    assert.ok(explained.includes(wrongCallback), 'the page shows the redirect_uri sent');
    assert.ok(explained.includes(stack.config.callbackUrl), 'and the one the playground is configured with');
    const remote = await new TestClient().get(
      `${stack.emulatorUrl}/setup/secur/RemoteAccessErrorPage.apexp?error=invalid_scope&error_description=the+requested+scope+is+not+allowed`,
    );
    assert.equal(remote.status, 200);
    assert.match(
      await remote.text(),
      /error=invalid_scope&amp;error_description=the%20requested%20scope%20is%20not%20allowed/,
    );
    const hostile = await new TestClient().get(
      `${stack.emulatorUrl}/setup/secur/RemoteAccessErrorPage.apexp?error=<script>&error_description=${'x'.repeat(400)}`,
    );
    const hostileHtml = await hostile.text();
    assert.doesNotMatch(hostileHtml, /<script>/);
    assert.doesNotMatch(hostileHtml, /x{400}/);
  });

  test('Setup refuses an unknown Run As user and a policy period that is not a whole number', async () => {
    const unknownUser = await saveSettings(stack, { runAsUserId: '005000000000000AAA' });
    assert.equal(unknownUser.status, 400);
    assert.match(unknownUser.html, /The Run As user must be one of the org’s users\./);
    const badPeriod = await saveSettings(stack, {
      refreshTokenPolicy: 'lifetime',
      refreshTokenAmount: '1.5',
    });
    assert.equal(badPeriod.status, 400);
    assert.match(badPeriod.html, /The refresh token policy needs a whole number from 1 to 10000\./);
    assert.equal(stack.emulator?.context.state.settings.refreshTokenPolicy.kind, 'infinite', 'nothing saved');
  });

  test('keeps the new settings and a rotated grant across a restart: a replaced refresh token is still recognised', async () => {
    await changeSettings(stack, {
      runAsUserId: ADMIN_ID,
      refreshTokenRotation: 'on',
      allowUsernamePassword: 'on',
      allowUserAgent: undefined,
      refreshTokenPolicy: 'inactivity',
      refreshTokenAmount: '3',
      refreshTokenUnit: 'MONTHS',
    });
    const refresh = (token: string) =>
      postToken(stack.emulatorUrl, {
        grant_type: 'refresh_token',
        refresh_token: token,
        client_id: stack.config.clientId,
        client_secret: stack.config.clientSecret ?? '',
      });
    const login = await loginAndGetToken(stack);
    const rotated = (await refresh(login.refresh_token)).body.refresh_token as string;
    await stack.close();
    stack = await startTestStack({ EMULATOR_DATA_DIR: dataDir });
    const { settings, org } = stack.emulator?.context.state ?? {};
    assert.equal(settings?.runAsUserId, ADMIN_ID);
    assert.deepEqual(settings?.refreshTokenPolicy, { kind: 'inactivity', amount: 3, unit: 'MONTHS' });
    assert.equal(org?.allowUsernamePassword, true);
    assert.equal(org?.allowUserAgent, false);
    assert.equal((await refresh(login.refresh_token)).body.error, 'invalid_grant');
    assert.equal(
      (await refresh(rotated)).body.error,
      'invalid_grant',
      'the reuse revoked the grant after the restart too',
    );
  });
});
