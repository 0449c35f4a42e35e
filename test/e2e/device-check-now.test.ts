// The device page's "Check now" in Chromium, against the page's own timed checks: pressed during a timed check, it
// waits for that check's answer; pressed just before one, the timed check waits for the button's page, so a sign-in
// the button made is not undone by a check that carries the replaced session's form token.
// (npm test balances its browser groups on this file taking about 11 s alone.)
import assert from '../support/assert.ts';
import { describe } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { NO_BROWSER_MESSAGE, newContext } from '../support/browser.ts';
import { answerDeviceCode } from '../support/device.ts';
import { RUN, deviceCodePage, everyFlowBrowser } from '../support/flowDriver.ts';
import { testWithScreenshot } from '../support/pages.ts';

describe('"Check now" on the device page in Chromium', () => {
  const ui = everyFlowBrowser();
  const test = testWithScreenshot(() => ui.page);

  test('"Check now" during the page’s own poll waits for its answer: no second poll, focus kept', async (t) => {
    if (!ui.browser) return t.skip(NO_BROWSER_MESSAGE);
    const { context, page } = await deviceCodePage(ui);
    // The app's real answer ("not yet": nobody allowed access), held back until the test has pressed the button.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const polls: string[] = [];
    let sent = () => {};
    const pollSent = new Promise<void>((resolve) => (sent = resolve));
    await page.route('**/flows/device/poll', async (route) => {
      polls.push(route.request().isNavigationRequest() ? 'form' : 'script');
      sent();
      const response = await route.fetch();
      await held;
      await route.fulfill({ response });
    });
    const checkNow = page.getByRole('button', { name: 'Check now' });
    await checkNow.focus();
    await page.clock.runFor(5_000);
    await pollSent;
    await page.keyboard.press('Enter');
    await page.locator('#device-status', { hasText: 'Checking now' }).waitFor();
    release();
    await page.locator('#device-status', { hasText: 'Still waiting' }).waitFor();
    assert.deepEqual(polls, ['script'], 'one poll, the page’s own');
    assert.equal(new URL(page.url()).pathname, '/flows/device');
    assert.ok(
      await checkNow.evaluate((button) => button === document.activeElement),
      'focus stays on the button',
    );
    await context.close();
  });

  test('a "Check now" that signs in is not undone by a timed check due while its page is on its way', async (t) => {
    if (!ui.browser) return t.skip(NO_BROWSER_MESSAGE);
    const { stack } = ui;
    const context = await newContext(ui.browser);
    const page = await context.newPage();
    // Real time, not Playwright's clock: the clock cannot be moved while a navigation is held.
    await page.goto(ui.flows.flowUrl('device'));
    await page.getByRole('button', { name: RUN.device }).click();
    await page.locator('#user-code').waitFor();
    // The page's first check is due 5 s after its script ran, which was before this.
    const dueBy = Date.now() + 5_000;
    await answerDeviceCode(
      stack,
      `${stack.emulatorUrl}/setup/connect`,
      await page.locator('#user-code').innerText(),
    );
    const polls: string[] = [];
    let timedCheck = () => {};
    const timedCheckSent = new Promise<void>((resolve) => (timedCheck = resolve));
    let formAnswered = () => {};
    const formDone = new Promise<void>((resolve) => (formAnswered = resolve));
    await page.route('**/flows/device/poll', async (route) => {
      if (!route.request().isNavigationRequest()) {
        polls.push('timed check');
        timedCheck();
        return route.continue();
      }
      polls.push('form');
      // The app signs in and replaces the session; its answer (a redirect to the result) is held past the time
      // the page's timer was due, or until the page sends its timed check.
      const response = await route.fetch({ maxRedirects: 0 });
      await Promise.race([timedCheckSent, delay(Math.max(0, dueBy + 2_000 - Date.now()))]);
      // Without the wait, the timed check's answer has sent the page elsewhere and this navigation is gone.
      await route.fulfill({ response }).catch(() => {});
      formAnswered();
    });
    await page.getByRole('button', { name: 'Check now' }).click();
    await formDone;
    await page.waitForLoadState('load');
    assert.deepEqual(polls, ['form'], 'no timed check while the form’s page was on its way');
    await page.waitForURL(`${stack.appUrl}/result`);
    await context.close();
  });
});
