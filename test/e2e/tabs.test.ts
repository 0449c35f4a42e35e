// Several tabs of one browser in Chromium: a login started from a bookmark (the browser's first request to the app)
// still comes back after another tab signs in meanwhile, two started at once by a fresh browser both sign in; one
// that another tab's logout ended says so.
// (npm test balances its browser groups on this file taking about 3 s alone.)
import assert from '../support/assert.ts';
import { describe } from 'node:test';
import type { Browser } from 'playwright-core';
import { NO_BROWSER_MESSAGE, newContext } from '../support/browser.ts';
import { everyFlowBrowser, RUN } from '../support/flowDriver.ts';
import { signInAtEmulator, testWithScreenshot } from '../support/pages.ts';

describe('several tabs of one browser', () => {
  const ui = everyFlowBrowser();
  const test = testWithScreenshot(() => ui.page);

  for (const empty of [false, true]) {
    test(`a login started from a bookmark${empty ? ' (an empty mark cookie)' : ''} still comes back after another tab signs in meanwhile`, async (t) => {
      if (!ui.browser) return t.skip(NO_BROWSER_MESSAGE);
      const { stack } = ui;
      const context = await newContext(ui.browser as Browser);
      // The bookmarked start is this browser's first request to the app: it has no cookie of the app yet (or, as some
      // cookie tools leave it, a mark cookie with no value: no mark either).
      if (empty) {
        const url = stack.appUrl;
        await context.addCookies([{ name: '__Host-playground.csrf', value: '', url, secure: true }]);
      }
      const login = await context.newPage();
      await login.goto(`${stack.appUrl}/flows/web-server/start?prompt=login`);
      await login.locator('#password').waitFor();
      const other = await context.newPage();
      await other.goto(`${stack.appUrl}/flows/client-credentials`);
      await other.getByRole('button', { name: RUN['client-credentials'] }).click();
      await other.waitForURL(`${stack.appUrl}/result`);
      await signInAtEmulator(login, stack);
      await login.waitForURL(/\/result$|\/flows\//);
      assert.match(await login.title(), /Signed in \(web server flow\)/);
      await context.close();
    });
  }

  for (const [flow, name] of [
    ['web-server', 'web server'],
    ['user-agent', 'user-agent'],
  ] as const) {
    test(`two tabs of a fresh browser that start the ${name} flow at the same instant both sign in`, async (t) => {
      if (!ui.browser) return t.skip(NO_BROWSER_MESSAGE);
      const { stack } = ui;
      // No cookie of the app or the emulator yet: both starts are first requests, so the app gives each tab a mark
      // of its own and the emulator a login page of its own, and the browser keeps only the later of each cookie.
      const context = await newContext(ui.browser as Browser);
      const tabs = [await context.newPage(), await context.newPage()];
      await Promise.all(tabs.map((tab) => tab.goto(`${stack.appUrl}/flows/${flow}/start`)));
      for (const tab of tabs) await tab.locator('#password').waitFor();
      for (const tab of tabs) {
        await signInAtEmulator(tab, stack);
        // Back at the app, or refused on the emulator's page (where the first tab's login stopped before).
        await tab.waitForURL(
          (url) => url.origin === stack.appUrl || url.pathname.endsWith('/authorize/login'),
        );
        assert.equal(new URL(tab.url()).origin, stack.appUrl, await tab.title());
        await tab.waitForURL((url) => url.origin === stack.appUrl && url.pathname === '/result');
        assert.match(await tab.title(), new RegExp(`^Signed in \\(${name} flow\\)`));
      }
      await context.close();
    });
  }

  test("a login that another tab's logout ended says that logout ended it", async (t) => {
    if (!ui.browser) return t.skip(NO_BROWSER_MESSAGE);
    const { stack } = ui;
    const context = await newContext(ui.browser as Browser);
    const other = await context.newPage();
    await other.goto(`${stack.appUrl}/flows/client-credentials`);
    await other.getByRole('button', { name: RUN['client-credentials'] }).click();
    await other.waitForURL(`${stack.appUrl}/result`);
    const login = await context.newPage();
    await login.goto(`${stack.appUrl}/flows/web-server/start?prompt=login`);
    await login.locator('#password').waitFor();
    await other.getByRole('button', { name: /^Log out/ }).click();
    await other.waitForURL(`${stack.appUrl}/signed-out`);
    await signInAtEmulator(login, stack);
    await login.waitForURL(`${stack.appUrl}/flows/web-server#teaching-heading`);
    const card = login.getByRole('heading', {
      name: 'This browser logged out while this login was at Salesforce',
    });
    assert.equal(await card.count(), 1);
    assert.equal(await login.getByText('state_mismatch').count(), 0);
    await context.close();
  });
});
