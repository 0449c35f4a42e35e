// Opens the home page in real headless Chromium and checks what a newcomer sees first.
// (npm test balances its browser groups on this file taking about 4 s alone.)
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, newContext, NO_BROWSER_MESSAGE, releaseBrowser } from '../support/browser.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

describe('home page in Chromium', async () => {
  let stack: TestStack;
  let browser: Browser | null;

  before(async () => {
    stack = await startTestStack();
    browser = await launchBrowser();
  });
  after(async () => {
    await releaseBrowser(browser);
    await stack.close();
  });

  test('introduces every flow by name and says it talks to the local emulator', async (t) => {
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    const context = await newContext(browser);
    const page = await context.newPage();
    const scriptErrors: string[] = [];
    page.on('pageerror', (error) => scriptErrors.push(error.message));
    const response = await page.goto(`${stack.appUrl}/`);
    assert.equal(response?.status(), 200);
    assert.equal(await page.title(), 'Salesforce OAuth 2.0 playground · Salesforce OAuth playground');
    const flowLinks = await page.locator('.cards h3 a').allTextContents();
    assert.deepEqual(flowLinks, [
      'Web server + PKCE',
      'JWT bearer',
      'Client credentials',
      'Refresh token',
      'Device',
      'User-agent',
      'Username-password',
    ]);
    const hero = await page.locator('.hero').innerText();
    assert.match(hero, /local Salesforce emulator/);
    // The login opens the emulator on its own port, where the browser warns again: said before it happens.
    assert.match(
      hero,
      /may warn about its certificate there too: it is the same local\s+certificate as this page's/,
    );
    assert.deepEqual(scriptErrors, []);
    await context.close();
  });
});
