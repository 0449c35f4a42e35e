// Several tabs of one browser in Chromium: a login started from a bookmark (the browser's first request to the app)
// still comes back after another tab signs in meanwhile; one that another tab's logout ended says so.
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
