// Where learners get stuck, in Chromium, against a real-org setup gone wrong: a consumer key the org does not
// know, and the setup doctor's findings. (Back, Reload, stale tabs and pasted errors: trouble.test.ts.)
// (npm test balances its browser groups on this file taking about 4 s alone.)
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext, NO_BROWSER_MESSAGE, releaseBrowser } from '../support/browser.ts';
import type { TestStack } from '../support/stack.ts';
import { startTroubleStack, startUnknownKeyOrg } from '../support/trouble-stacks.ts';

describe('the trouble path in Chromium', () => {
  let stack: TestStack;
  let org: TestStack;
  let orgApp: TestStack;
  let browser: Browser | null;
  let page: Page;
  /** The org-mode app and its org in a browser of their own: both are on localhost, like the first stack. */
  let orgPage: Page;

  before(async () => {
    stack = await startTroubleStack();
    ({ org, orgApp } = await startUnknownKeyOrg());
    browser = await launchBrowser();
    if (browser) {
      page = await (await newContext(browser)).newPage();
      orgPage = await (await newContext(browser)).newPage();
    }
  });
  after(async () => {
    await releaseBrowser(browser);
    await Promise.all([stack.close(), org.close(), orgApp.close()]);
  });

  test('a consumer key the org does not know ends on the explanation, not on a dead end', async (t) => {
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    await orgPage.goto(orgApp.accessUrl ?? '');
    await orgPage.goto(`${orgApp.appUrl}/flows/web-server`);
    await orgPage.getByRole('button', { name: 'Run the web server flow' }).click();
    await orgPage.waitForURL(`${orgApp.appUrl}/flows/web-server#teaching-heading`);
    const box = await orgPage.locator('.error-box').innerText();
    assert.match(box, /Salesforce does not know this consumer key/);
    assert.match(box, /client_id=3MVG9NotThisOrgsKey/);
    await orgPage.getByRole('link', { name: 'Send me to Salesforce anyway' }).click();
    await orgPage.waitForURL((url) => url.origin === org.emulatorUrl);
    assert.match(await orgPage.locator('body').innerText(), /error=invalid_client_id/);
  });

  test('the setup doctor names each problem with its fix', async (t) => {
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    await orgPage.goto(`${orgApp.appUrl}/setup`);
    await orgPage.getByRole('button', { name: 'Check my setup' }).click();
    const client = orgPage.locator('[data-check="client"]');
    assert.equal(await client.getAttribute('data-state'), 'fail');
    assert.match(await client.innerText(), /invalid_client_id .*Fix: copy the Consumer Key again/);
    assert.match(await orgPage.locator('[data-check="host-kind"]').innerText(), /Fix|client credentials/);
    await page.goto(`${stack.appUrl}/setup`);
    await page.getByRole('button', { name: 'Check my setup' }).click();
    const version = page.locator('[data-check="api-version"]');
    assert.equal(await version.getAttribute('data-state'), 'fail');
    assert.match(
      await version.innerText(),
      /SF_API_VERSION=99\.0 is not one the org offers.*Fix: remove SF_API_VERSION/,
    );
  });
});
