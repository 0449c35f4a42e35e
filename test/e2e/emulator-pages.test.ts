// The emulator's own pages in Chromium: where the login page puts the cursor.
import assert from '../support/assert.ts';
import { after, before, describe } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newContext, NO_BROWSER_MESSAGE, releaseBrowser } from '../support/browser.ts';
import { testWithScreenshot } from '../support/pages.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

describe('the emulator’s pages in Chromium', () => {
  let stack: TestStack;
  let browser: Browser | null = null;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const test = testWithScreenshot(() => page);

  before(async () => {
    stack = await startTestStack({}, { emulatorOnly: true });
    browser = await launchBrowser();
    if (browser) {
      context = await newContext(browser);
      page = await context.newPage();
    }
  });
  after(async () => {
    await releaseBrowser(browser);
    await stack.close();
  });

  const authorizeUrl = (extra: Record<string, string> = {}) =>
    `${stack.emulatorUrl}/services/oauth2/authorize?${new URLSearchParams({
      response_type: 'code',
      client_id: stack.config.clientId,
      redirect_uri: stack.config.callbackUrl,
      ...extra,
    })}`;
  const focused = () => (page as Page).evaluate(() => document.activeElement?.id);

  test('the login page opens with the cursor in its first empty field', async (t) => {
    if (!page) return t.skip(NO_BROWSER_MESSAGE);
    await page.goto(authorizeUrl());
    assert.equal(await focused(), 'username');
    // A username already filled in (the app's login_hint): the password is next.
    await page.goto(authorizeUrl({ login_hint: stack.config.username }));
    assert.equal(await page.getByLabel('Username').inputValue(), stack.config.username);
    assert.equal(await focused(), 'password');
    // Setup's login, after a wrong password: the username is kept, the password asked for again.
    await page.goto(`${stack.emulatorUrl}/setup`);
    assert.equal(await focused(), 'username');
    await page.getByLabel('Username').fill(stack.config.username);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Log In' }).click();
    await page.getByRole('alert').waitFor();
    assert.equal(await focused(), 'password');
  });
});
