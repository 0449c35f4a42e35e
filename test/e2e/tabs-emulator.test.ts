// Two tabs of a fresh browser on the emulator's own pages at once, in Chromium: two device codes entered together,
// Setup's login opened twice, a device code and an authorize login together; each tab still signs in.
import assert from '../support/assert.ts';
import { after, before, describe } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newContext, NO_BROWSER_MESSAGE, releaseBrowser } from '../support/browser.ts';
import { postToken } from '../support/emulator-api.ts';
import { signInAtEmulator, testWithScreenshot } from '../support/pages.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

describe('two tabs on the emulator’s pages at once', () => {
  let stack: TestStack;
  let browser: Browser | null = null;
  let context: BrowserContext | undefined;
  let tabs: Page[] = [];
  const test = testWithScreenshot(() => tabs[0]);

  before(async () => {
    stack = await startTestStack({}, { emulatorOnly: true });
    browser = await launchBrowser();
  });
  after(async () => {
    await releaseBrowser(browser);
    await stack.close();
  });

  /** A fresh browser (no cookie of the emulator yet) with two tabs. */
  const freshTabs = async () => {
    await context?.close();
    context = await newContext(browser as Browser);
    tabs = [await context.newPage(), await context.newPage()];
    return tabs;
  };

  /**
   * Two first requests of a fresh browser sent at once, made certain: the second tab's is sent as if before the first
   * one's answer came in, without its session cookie, so the session it gets replaces the first one's in the browser.
   */
  const sentBeforeThatAnswer = () => context?.clearCookies({ name: '__Host-sfemu.sid' });

  const deviceCode = async () => {
    const started = await postToken(stack.emulatorUrl, {
      response_type: 'device_code',
      client_id: stack.config.clientId,
      scope: 'api refresh_token',
    });
    assert.equal(started.status, 200);
    return started.body.user_code as string;
  };

  /** Types a code on the verification page without sending it yet: the two tabs send theirs together. */
  const typeCode = async (tab: Page) => {
    await tab.goto(`${stack.emulatorUrl}/setup/connect`);
    await tab.getByLabel('Code').fill(await deviceCode());
  };
  const sendCode = (tab: Page) => tab.getByRole('button', { name: 'Connect' }).click();

  const connected = async (tab: Page) => {
    await signInAtEmulator(tab, stack);
    await tab.getByRole('heading', { name: /You're connected|expired/ }).waitFor();
    assert.equal(await tab.title(), 'Connected · Local Salesforce emulator', `${tab.url()}`);
  };

  test('two device codes sent at once in two tabs are both connected', async (t) => {
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    const [one, two] = await freshTabs();
    await typeCode(one);
    await typeCode(two);
    await sendCode(one);
    await one.locator('#password').waitFor();
    await sentBeforeThatAnswer();
    await sendCode(two);
    await two.locator('#password').waitFor();
    for (const tab of [one, two]) await connected(tab);
  });

  test('Setup’s login opened in two tabs at once logs in from either', async (t) => {
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    const [one, two] = await freshTabs();
    await one.goto(`${stack.emulatorUrl}/setup`);
    await sentBeforeThatAnswer();
    await two.goto(`${stack.emulatorUrl}/setup`);
    // The tab opened first is the one whose page the later page's cookie would have replaced.
    for (const tab of [one, two]) {
      await signInAtEmulator(tab, stack);
      assert.match(
        await tab.title(),
        /^App settings/,
        await tab.locator('.emu-error').allInnerTexts().then(String),
      );
    }
  });

  test('a device code and an authorize login sent at once are both answered', async (t) => {
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    const [device, authorize] = await freshTabs();
    await typeCode(device);
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: stack.config.clientId,
      redirect_uri: stack.config.callbackUrl,
      state: 'tab-two',
    });
    await authorize.goto(`${stack.emulatorUrl}/services/oauth2/authorize?${query}`);
    // The app's callback is not listening (the emulator runs alone): only where the login sent the browser counts.
    const callback = authorize.waitForRequest((request) =>
      request.url().startsWith(stack.config.callbackUrl),
    );
    await sendCode(device);
    await device.locator('#password').waitFor();
    await sentBeforeThatAnswer();
    await signInAtEmulator(authorize, stack);
    assert.match((await callback).url(), /[?&]code=/);
    await connected(device);
  });
});
