// Every newer flow in Chromium, from the home page to a result page with query rows (client credentials,
// username-password, device, refresh token); the break-it switches are in break-it.test.ts.
// (npm test balances its browser groups on this file taking about 8 s alone.)
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { NO_BROWSER_MESSAGE } from '../support/browser.ts';
import { everyFlowBrowser } from '../support/flowDriver.ts';
import { testWithScreenshot } from '../support/pages.ts';

describe('every flow in Chromium', () => {
  const ui = everyFlowBrowser();
  const test = testWithScreenshot(() => ui.page);

  for (const [flow, from] of [
    ['client-credentials', 'Client credentials'],
    ['username-password', 'Username-password'],
    ['device', 'Device'],
    ['refresh-token', 'Refresh token'],
  ] as const) {
    test(
      `the ${flow} flow from the home page to a result with query rows`,
      async (t) => {
        if (!ui.browser) return t.skip(NO_BROWSER_MESSAGE);
        const { page, flows, stack } = ui;
        if (flow === 'refresh-token') {
          await page.goto(flows.flowUrl('web-server'));
          await flows.run('web-server');
        }
        await page.goto(`${stack.appUrl}/`);
        await page.getByRole('link', { name: from, exact: true }).first().click();
        await flows.run(flow);
        assert.equal(
          new URL(page.url()).pathname,
          '/result',
          await page.locator('.error-box h3').allInnerTexts().then(String),
        );
        assert.equal(
          await page.locator('table tbody tr').first().locator('td').nth(1).innerText(),
          'Acme Inc.',
        );
      },
      { timeout: 30_000 },
    );
  }
});
