// The teaching panel in Chromium: diagram states, transcript, reveal, and a flow broken on purpose.
// (npm test balances its browser groups on this file taking about 6 s alone.)
import assert from '../support/assert.ts';
import { after, before, describe } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext, NO_BROWSER_MESSAGE, releaseBrowser } from '../support/browser.ts';
import { revealedCopies, signInAtEmulator, testWithScreenshot } from '../support/pages.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

/** The page a failing test's screenshot is taken of. */
let shotPage: Page | undefined;
const testShot = testWithScreenshot(() => shotPage);

describe('teaching panel in Chromium', () => {
  let stack: TestStack;
  let browser: Browser | null;
  let page: Page;

  const stepStates = () =>
    page
      .locator('.diagram-step')
      .evaluateAll((steps) => steps.map((step) => step.getAttribute('data-state')));
  const legs = () =>
    page
      .locator('.transcript > li')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-leg')));
  const arm = async (flowPath: string, label: RegExp) => {
    await page.goto(`${stack.appUrl}${flowPath}`);
    await page.getByText(/^Break it:/).click();
    await page.getByLabel(label).check();
    await page.getByRole('button', { name: 'Arm for the next attempt' }).click();
    await page.getByText('Next attempt will:').waitFor();
  };

  before(async () => {
    stack = await startTestStack();
    browser = await launchBrowser();
    if (browser) shotPage = page = await (await newContext(browser)).newPage();
  });
  after(async () => {
    await releaseBrowser(browser);
    await stack.close();
  });

  testShot(
    'JWT before approval: failed token step, the explanation, and the not-approved cure',
    async (t) => {
      if (!browser) return t.skip(NO_BROWSER_MESSAGE);
      await page.goto(`${stack.appUrl}/flows/jwt`);
      await page.getByRole('button', { name: 'Run the JWT bearer flow' }).click();
      await page.getByRole('heading', { name: 'The user has not approved this app', exact: true }).waitFor();
      assert.deepEqual(await stepStates(), ['done', 'done', 'failed', 'not-reached']);
      assert.deepEqual(await legs(), ['token']);
      assert.equal(await page.locator('[data-check="clock-skew"]').getAttribute('class'), 'pass');
      assert.match(await page.locator('.claims').first().innerText(), /aud\s+https:\/\/localhost:\d+/);
    },
  );

  testShot(
    'a leg shows what it holds once opened, and on the flow page its copy signs a new assertion first',
    async (t) => {
      if (!browser) return t.skip(NO_BROWSER_MESSAGE);
      const token = page.locator('.transcript > li[data-leg="token"]');
      assert.equal(await token.locator('[data-field]').count(), 0, 'closed, the leg is its summary line');
      await token.locator('summary').first().focus();
      await page.keyboard.press('Enter');
      await token.locator('[data-field="requestBody"]').waitFor();
      assert.ok(
        await token
          .locator('summary')
          .first()
          .evaluate((s) => s === document.activeElement),
      );
      assert.equal(await token.locator('.leg-body[data-leg-src]').count(), 0);
      const box = await revealedCopies(token, 'token request');
      // The copy control's renewal posts with the CSRF token of the flow page's meta tag (refused with 403 without it).
      const copy = box.locator('.copy-snippet[data-label="curl"]');
      assert.equal(
        (await copy.textContent())?.replace(/\s+/g, ' ').trim(),
        'New attempt and copy token request as curl, with your values',
      );
      await copy.click();
      const copied = /^Copied the token request as curl, with your values\. A new assertion, signed just now/;
      await page.locator('.copy-status', { hasText: copied }).waitFor();
      // Seen where the click was, not only in the box's live region far below it.
      const beside = copy.locator('xpath=following-sibling::*[1]');
      assert.match((await beside.textContent()) ?? '', copied);
      assert.equal(
        await beside.getAttribute('aria-hidden'),
        'true',
        'screen readers hear it once, from the region',
      );
      // Hidden again, the copy holds placeholders: the line beside it no longer says "with your values".
      await token.getByRole('button', { name: 'Hide secrets of the token request' }).click();
      await page.waitForFunction((line) => line?.textContent === '', await beside.elementHandle());
    },
  );

  testShot(
    'web server flow: every step done, every leg in the transcript, secrets revealed only on request',
    async (t) => {
      if (!browser) return t.skip(NO_BROWSER_MESSAGE);
      await page.goto(`${stack.appUrl}/flows/web-server/start`);
      await signInAtEmulator(page, stack);
      await page.waitForURL(`${stack.appUrl}/result`);
      assert.deepEqual(await stepStates(), ['done', 'done', 'done', 'done', 'done', 'done']);
      assert.deepEqual(await legs(), [
        'pre-flight',
        'authorize',
        'callback',
        'token',
        'discovery',
        'jwks',
        'identity',
        'versions',
        'query',
      ]);
      const token = page.locator('.transcript > li[data-leg="token"]');
      await token.locator('summary').first().click();
      const body = token.locator('[data-field="requestBody"]');
      // Masked values read as masked, not percent-encoded.
      assert.match(await body.innerText(), /code_verifier=•••••• \(64 chars\)/);
      await token.getByRole('button', { name: 'Reveal secrets of the token request' }).click();
      await token.getByRole('button', { name: 'Hide secrets of the token request' }).waitFor();
      assert.match(await body.innerText(), /code_verifier=[A-Za-z0-9_-]{64}/);
      await token.getByText('Copy the token request as curl').click();
      assert.match(
        await token.locator('pre[data-snippet="curl"]').innerText(),
        /^curl --cacert certs\/server\.crt https:\/\/localhost:\d+\/services\/oauth2\/token \\$/m,
      );
      const param = page.locator('.transcript > li[data-leg="authorize"] .param').first();
      await page.locator('.transcript > li[data-leg="authorize"] summary').first().click();
      await param.focus();
      assert.ok(
        await page.locator('.transcript > li[data-leg="authorize"] .tooltip').first().isVisible(),
        'help shows on focus',
      );
    },
  );

  // Every switch of every flow reaches its explanation in break-it.test.ts; this one opens the switches the way a
  // person does, by their "Break it:" summary.
  testShot(
    'break it, opened by its summary: the JWT flow signed with a key Salesforce never saw',
    async (t) => {
      if (!browser) return t.skip(NO_BROWSER_MESSAGE);
      await arm('/flows/jwt', /never seen/);
      await page.getByRole('button', { name: 'Run the JWT bearer flow' }).click();
      await page.waitForURL(`${stack.appUrl}/flows/jwt#teaching-heading`);
      await page
        .locator('.error-box')
        .getByText('Salesforce could not verify the assertion')
        .first()
        .waitFor();
      assert.deepEqual(await stepStates(), ['done', 'done', 'failed', 'not-reached']);
      assert.match(
        await page.getByText('This attempt failed on purpose').innerText(),
        /This attempt failed on purpose: it was armed to \S+/,
      );
    },
  );
});
