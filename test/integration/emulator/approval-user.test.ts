// An approval page names the user it asks: when another tab has since logged this browser in as someone else, that
// page's Allow is not the new user's consent. The page asks again, naming the user now logged in; when another tab
// logged this browser out, it asks for a login for the same request.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { followLogin, hiddenValue } from '../../support/emulator-login.ts';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';
import { deviceFlowStack } from '../../support/device-emulator.ts';
import { changeSettings } from '../../support/emulator-api.ts';
import { setupSession } from '../../support/emulator-setup.ts';

const STANDARD = { username: 'standard@playground.local' };

describe('emulator: an approval answered after the login changed in another tab', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  const authorize = (client: TestClient) =>
    client.get(
      `${stack.emulatorUrl}/services/oauth2/authorize?${new URLSearchParams({
        response_type: 'code',
        client_id: stack.config.clientId,
        redirect_uri: stack.config.callbackUrl,
      })}`,
    );
  const logIn = async (client: TestClient, page: string, username: string, action: string) =>
    (
      await followLogin(
        client,
        stack.emulatorUrl,
        await client.post(`${stack.emulatorUrl}${action}`, {
          request: hiddenValue(page, 'request'),
          username,
          password: stack.config.emulator.password,
        }),
      )
    ).text();
  const LOGIN = '/services/oauth2/authorize/login';
  /** A tab logged in as the admin, at its request's approval page. */
  const adminApprovalPage = async (browser: TestClient) =>
    logIn(browser, await (await authorize(browser)).text(), stack.config.username, LOGIN);
  /** Another tab of the same browser: its own login request, "Not you?", and the login page that follows. */
  const notYouInAnotherTab = async (browser: TestClient) => {
    const second = await (await authorize(browser)).text();
    const answer = await browser.post(`${stack.emulatorUrl}/services/oauth2/authorize/switch`, {
      request: hiddenValue(second, 'request'),
    });
    return answer.text();
  };

  test("authorize: the first tab's Allow, sent after the second tab switched user, asks the new user instead", async () => {
    const browser = new TestClient();
    // Tab one: logged in as the admin, at the approval page.
    const first = await adminApprovalPage(browser);
    assert.match(first, new RegExp(`access your data as\\s+<strong>${stack.config.username}</strong>`));
    // Tab two: the same browser's second login request, "Not you?", then the standard user.
    await logIn(browser, await notYouInAnotherTab(browser), STANDARD.username, LOGIN);
    // Tab one's Allow, for the admin it showed.
    const allowed = await browser.post(`${stack.emulatorUrl}/services/oauth2/authorize/approve`, {
      request: hiddenValue(first, 'request'),
      user: hiddenValue(first, 'user'),
      decision: 'allow',
    });
    assert.equal(allowed.status, 200, 'no code went back to the app');
    const again = await allowed.text();
    assert.match(again, /access your data as\s+<strong>standard@playground\.local<\/strong>/);
    assert.match(again, /now logged in as standard@playground\.local/);
    // Answered on that page, the standard user's Allow goes through.
    const now = await browser.post(`${stack.emulatorUrl}/services/oauth2/authorize/approve`, {
      request: hiddenValue(again, 'request'),
      user: hiddenValue(again, 'user'),
      decision: 'allow',
    });
    assert.equal(now.status, 302);
    assert.match(now.headers.get('location') ?? '', /[?&]code=/);
  });

  test('authorize: the first tab\'s Allow, sent after "Not you?" in the second tab, asks for a login for that request', async () => {
    const browser = new TestClient();
    const first = await adminApprovalPage(browser);
    assert.match(first, /name="decision"/);
    // Tab two: the same browser's second login request, "Not you?", and no new login.
    await notYouInAnotherTab(browser);
    for (const answer of [
      () =>
        browser.get(
          `${stack.emulatorUrl}/services/oauth2/authorize/approve?request=${hiddenValue(first, 'request')}`,
        ),
      () =>
        browser.post(`${stack.emulatorUrl}/services/oauth2/authorize/approve`, {
          request: hiddenValue(first, 'request'),
          user: hiddenValue(first, 'user'),
          decision: 'allow',
        }),
    ]) {
      const page = await answer();
      assert.equal(page.status, 200, 'not the "request has expired" page: the request is still there');
      const html = await page.text();
      assert.match(html, /<h1>Log in<\/h1>/);
      assert.match(html, /no longer logged in/);
      assert.equal(hiddenValue(html, 'request'), hiddenValue(first, 'request'));
    }
    // Logged in there, the same request goes on to its approval page.
    const again = await logIn(
      browser,
      await (
        await browser.get(
          `${stack.emulatorUrl}/services/oauth2/authorize/approve?request=${hiddenValue(first, 'request')}`,
        )
      ).text(),
      stack.config.username,
      LOGIN,
    );
    assert.match(again, /access your data as\s+<strong>admin@playground\.local<\/strong>/);
  });

  test("an uninstalled app: the admin's page, answered after a switch to a user the app refuses, gives no code", async () => {
    // A fresh org: the first test's standard user approved the app, which lets them past the block.
    const admin = await setupSession(stack);
    await admin.client.post(`${stack.emulatorUrl}/setup/reset`, { csrf: hiddenValue(admin.page, 'csrf') });
    await changeSettings(stack, { appInstalled: undefined });
    try {
      // With the page's user field (a browser) and without it (a script).
      for (const sendUser of [true, false]) {
        const browser = new TestClient();
        const first = await adminApprovalPage(browser);
        assert.match(first, /name="decision"/, 'an administrator may approve an uninstalled app');
        // Tab two: "Not you?", then the standard user, whom the uninstalled app refuses at their own login.
        await logIn(browser, await notYouInAnotherTab(browser), STANDARD.username, LOGIN);
        const answer = await browser.post(`${stack.emulatorUrl}/services/oauth2/authorize/approve`, {
          request: hiddenValue(first, 'request'),
          ...(sendUser ? { user: hiddenValue(first, 'user') } : {}),
          decision: 'allow',
        });
        assert.equal(
          answer.status,
          302,
          `no page asking the standard user to allow (user field: ${sendUser})`,
        );
        const location = new URL(answer.headers.get('location') ?? '', stack.emulatorUrl);
        assert.equal(location.pathname, '/setup/secur/RemoteAccessErrorPage.apexp', String(location));
        assert.equal(location.searchParams.get('error'), 'OAUTH_APP_ACCESS_DENIED');
      }
    } finally {
      await changeSettings(stack, { appInstalled: 'on' });
    }
  });
});

describe('emulator: a device approval answered after the login changed in another tab', () => {
  const device = deviceFlowStack();
  const url = (path: string) => `${device.stack.emulatorUrl}${path}`;
  /** A fresh device code typed in `browser`: the page that follows (its login, or its approval when logged in). */
  const codeTyped = async (browser: TestClient) => {
    const { body } = await device.start();
    const typed = await browser.post(url('/setup/connect'), { user_code: body.user_code as string });
    return (await followLogin(browser, device.stack.emulatorUrl, typed)).text();
  };
  const logIn = async (browser: TestClient, page: string, username: string) =>
    (
      await followLogin(
        browser,
        device.stack.emulatorUrl,
        await browser.post(url('/setup/connect/login'), {
          request: hiddenValue(page, 'request'),
          username,
          password: device.stack.config.emulator.password,
        }),
      )
    ).text();

  test("the first tab's Allow, sent after the same browser logged in as another user, asks that user instead", async () => {
    const browser = new TestClient();
    const first = await logIn(browser, await codeTyped(browser), device.stack.config.username);
    assert.match(first, /name="decision"/);
    // Another code in another tab: "Not you?", then the standard user.
    const secondPage = await codeTyped(browser);
    const second = secondPage.includes('name="decision"')
      ? secondPage
      : await logIn(browser, secondPage, device.stack.config.username);
    const loginAgain = await (
      await browser.post(url('/setup/connect/switch'), { request: hiddenValue(second, 'request') })
    ).text();
    await logIn(browser, loginAgain, STANDARD.username);
    const allowed = await browser.post(url('/setup/connect/approve'), {
      request: hiddenValue(first, 'request'),
      user: hiddenValue(first, 'user'),
      decision: 'allow',
    });
    const again = await allowed.text();
    assert.match(again, /access your data as\s+<strong>standard@playground\.local<\/strong>/);
    assert.match(again, /now logged in as standard@playground\.local/);
  });

  test('the first tab\'s Allow, sent after "Not you?" in another tab, asks for a login for that code', async () => {
    const browser = new TestClient();
    const first = await logIn(browser, await codeTyped(browser), STANDARD.username);
    assert.match(first, /name="decision"/);
    await browser.post(url('/setup/connect/switch'), { request: hiddenValue(first, 'request') });
    for (const answer of [
      () => browser.get(url(`/setup/connect/approve?request=${hiddenValue(first, 'request')}`)),
      () =>
        browser.post(url('/setup/connect/approve'), {
          request: hiddenValue(first, 'request'),
          user: hiddenValue(first, 'user'),
          decision: 'allow',
        }),
    ]) {
      const page = await answer();
      assert.equal(page.status, 200, 'not the "expired" page: the code still waits');
      const html = await page.text();
      assert.match(html, /no longer logged in/);
      assert.equal(hiddenValue(html, 'request'), hiddenValue(first, 'request'));
    }
  });
});
