// Where learners get stuck, in Chromium: Back and Reload after success (the result stays, with a note), a page left open while another tab signs
// in, and the paste-an-error box on each shape of error a learner pastes. (A real org's setup: trouble-org.test.ts.)
// (npm test balances its browser groups on this file taking about 7 s alone.)
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext, NO_BROWSER_MESSAGE, releaseBrowser } from '../support/browser.ts';
import { signInAtEmulator } from '../support/pages.ts';
import type { TestStack } from '../support/stack.ts';
import { startTroubleStack } from '../support/trouble-stacks.ts';

describe('the trouble path in Chromium', () => {
  let stack: TestStack;
  let browser: Browser | null;
  let page: Page;

  before(async () => {
    stack = await startTroubleStack();
    browser = await launchBrowser();
    if (browser) page = await (await newContext(browser)).newPage();
  });
  after(async () => {
    await releaseBrowser(browser);
    await stack.close();
  });

  test('Back and Reload after success lead back to the unchanged result, with a note, and record nothing', async (t) => {
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    let callbackUrl = '';
    page.on('request', (request) => {
      if (request.url().includes('/oauthcallback.html?code=')) callbackUrl = request.url();
    });
    await page.goto(`${stack.appUrl}/flows/web-server`);
    await page.getByRole('button', { name: 'Run the web server flow' }).click();
    await signInAtEmulator(page, stack);
    await page.waitForURL(`${stack.appUrl}/result`);
    const legsBefore = await page.locator('.transcript > li').count();
    // The callback URL comes back twice (Back to it, a Reload of it, a bookmark).
    for (let visit = 0; visit < 2; visit++) {
      await page.goto(callbackUrl);
      await page.waitForURL(`${stack.appUrl}/result?replayed=1`);
      assert.match(await page.locator('#replayed').innerText(), /Salesforce answered this login again/);
      assert.match(await page.locator('.teaching').innerText(), /The sign-in that gave this token succeeded/);
      assert.doesNotMatch(
        await page.locator('.teaching').innerText(),
        /already completed|A replayed callback/,
      );
    }
    await page.goto(`${stack.appUrl}/flows/web-server`);
    assert.match(await page.locator('.teaching').innerText(), /The last attempt succeeded/);
    await page.goto(`${stack.appUrl}/result`);
    await page.reload();
    assert.match(await page.locator('.teaching').innerText(), /The sign-in that gave this token succeeded/);
    assert.equal(await page.locator('.transcript > li[data-leg="callback"]').count(), 1);
    assert.equal(await page.locator('.transcript > li').count(), legsBefore);
    assert.equal(await page.locator('[data-check="state"][data-state="fail"]').count(), 0);
  });

  test('Back from the result to the authorize page, which answers at once, is said to have been refused', async (t) => {
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    let authorizeUrl = '';
    page.on('request', (request) => {
      if (request.url().includes('/services/oauth2/authorize?')) authorizeUrl = request.url();
    });
    await page.goto(`${stack.appUrl}/flows/web-server`);
    await page.getByRole('button', { name: 'Run the web server flow' }).click();
    await page.waitForURL(`${stack.appUrl}/result`); // logged in and approved at the emulator: no page there
    // Back past the login pages lands on this URL; the emulator sends a new code with the same, used, state.
    await page.goto(authorizeUrl);
    await page.waitForURL(`${stack.appUrl}/result?replayed=1`);
    assert.match(
      await page.locator('#replayed').innerText(),
      /went back \(or reloaded\) to a login this session had already finished[^]*nothing in it was used/,
    );
    assert.match(await page.locator('.teaching').innerText(), /The sign-in that gave this token succeeded/);
  });

  test('a page left open while another tab signs in says, next to the control used, to reload it', async (t) => {
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    await page.goto(`${stack.appUrl}/result`);
    const other = await page.context().newPage();
    await other.goto(`${stack.appUrl}/flows/web-server`);
    await other.getByRole('button', { name: 'Run the web server flow' }).click();
    await other.waitForURL(`${stack.appUrl}/result`);
    await other.close();
    await page.getByRole('button', { name: 'Reveal the access token' }).click();
    const status = page.locator('#reveal-status');
    await status.filter({ hasText: 'out of date' }).waitFor();
    assert.ok(await status.isVisible(), 'shown, not only read out');
    assert.match(
      await status.innerText(),
      /you signed in or out in another tab since it loaded\. Reload the page/,
    );
    const leg = page.locator('.transcript > li[data-leg="token"]').first();
    await leg.locator('summary').click();
    const legStatus = leg.locator('.status-line');
    await legStatus.waitFor();
    assert.match(
      await legStatus.innerText(),
      /no longer in your session: a later sign-in or attempt replaced it/,
    );
    await page.reload();
    await page.getByRole('button', { name: 'Reveal the access token' }).click();
    await page.getByRole('button', { name: 'Hide the access token' }).waitFor();
    assert.match(await status.innerText(), /Token revealed/);
  });
  // Every error string the wire references document is read by the same box over HTTP in
  // test/integration/trouble-pasted.test.ts; here, each shape a learner pastes, typed into the page.
  test('the paste-an-error box reads a JSON body, a log line and a bare error code', async (t) => {
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    await page.goto(`${stack.appUrl}/`);
    for (const [pasted, error, explained] of [
      [
        '{"error":"invalid_grant","error_description":"audience is invalid"}',
        'invalid_grant',
        'Wrong aud in the assertion',
      ],
      [
        'ERROR: invalid_client_id: client identifier invalid',
        'invalid_client_id',
        'does not know this consumer key',
      ],
      ['unsupported_grant_type', 'unsupported_grant_type', 'Unknown grant_type'],
    ]) {
      await page.getByLabel(/Paste an error from anywhere/).fill(pasted);
      await page.getByRole('button', { name: 'Explain this error' }).click();
      await page.waitForURL(`${stack.appUrl}/explain`);
      assert.match(await page.locator('.lead').innerText(), new RegExp(error), pasted);
      assert.equal(await page.getByText("not in the playground's catalogue").count(), 0, pasted);
      assert.ok((await page.locator('main').innerText()).includes(explained), `${pasted}: ${explained}`);
      await page.goBack();
    }
  });
});
