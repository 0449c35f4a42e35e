// Every newer flow in Chromium, from the home page to a result page with query rows (client credentials,
// username-password, device, refresh token); the break-it switches are in break-it.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext, NO_BROWSER_MESSAGE } from '../support/browser.ts';
import { enableEveryFlow, flowDriver, type FlowDriver } from '../support/flowDriver.ts';
import { screenshot } from '../support/pages.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

describe('every flow in Chromium', () => {
  let stack: TestStack;
  let browser: Browser | null;
  let page: Page;
  let flows: FlowDriver;

  before(async () => {
    stack = await startTestStack();
    await enableEveryFlow(stack);
    browser = await launchBrowser();
    if (browser) {
      page = await (await newContext(browser)).newPage();
      flows = flowDriver(browser, page, stack);
    }
  });
  after(async () => {
    await browser?.close();
    await stack.close();
  });

  for (const [flow, from] of [
    ['client-credentials', 'Client credentials'],
    ['username-password', 'Username-password'],
    ['device', 'Device'],
    ['refresh-token', 'Refresh token'],
  ] as const) {
    test(
      `the ${flow} flow from the home page to a result with query rows`,
      { timeout: 30_000 },
      async (t) => {
        if (!browser) return t.skip(NO_BROWSER_MESSAGE);
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
        await screenshot(page, `result-${flow}`);
      },
    );
  }
});
