// Interruptions in Chromium: a device page's poll that gets no answer (the playground restarting) is tried again, at
// the pace Salesforce last asked for, a device page back in view checks if due, and a user-agent login that comes
// back while another tab signs in is still taken, not lost on a stale form (and one refused twice says to start
// again, with a link), and one reloaded while it posted leads to the result; the callback page opened by hand links
// to the flows; a double-clicked Allow at the emulator sends one approval.
// (npm test balances its browser groups on this file taking about 9 s alone.)
import assert from '../support/assert.ts';
import { describe } from 'node:test';
import type { Browser } from 'playwright-core';
import { NO_BROWSER_MESSAGE, newContext } from '../support/browser.ts';
import { deviceCodePage, everyFlowBrowser } from '../support/flowDriver.ts';
import { signInAtEmulator, testWithScreenshot } from '../support/pages.ts';

describe('interruptions in Chromium', () => {
  const ui = everyFlowBrowser();
  const test = testWithScreenshot(() => ui.page);

  test('a poll that gets no answer (the playground restarting) is tried again, not given up', async (t) => {
    if (!ui.browser) return t.skip(NO_BROWSER_MESSAGE);
    const { context, page } = await deviceCodePage(ui);
    let refused = 0;
    await page.route('**/flows/device/poll', async (route) => {
      if (refused++ === 0) return route.abort('connectionrefused');
      await route.continue();
    });
    await page.clock.runFor(5_000);
    await page
      .locator('#device-status', { hasText: /Could not reach the playground .*: trying again in 5 s/ })
      .waitFor();
    await page.clock.runFor(5_000);
    await page.locator('#device-status', { hasText: 'Still waiting' }).waitFor();
    assert.equal(refused, 2, 'the second check went through');
    await context.close();
  });

  test('a poll with no answer after Salesforce asked to slow down is tried again at the slower pace', async (t) => {
    if (!ui.browser) return t.skip(NO_BROWSER_MESSAGE);
    const { context, page } = await deviceCodePage(ui, 'poll-too-fast');
    // Armed to poll after a second: Salesforce answers slow_down, and the interval grows by 5 s.
    await page.clock.runFor(1_000);
    await page.locator('#device-status', { hasText: 'next check in 10 s' }).waitFor();
    await page.route('**/flows/device/poll', (route) => route.abort('connectionrefused'));
    await page.clock.runFor(10_000);
    await page.locator('#device-status', { hasText: /trying again in 10 s/ }).waitFor();
    await context.close();
  });

  test('a device page back in view checks at once when a check is due, not when its slowed timer fires', async (t) => {
    if (!ui.browser) return t.skip(NO_BROWSER_MESSAGE);
    const { context, page } = await deviceCodePage(ui);
    let polls = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/flows/device/poll')) polls++;
    });
    // Hidden, the tab's timer is late: time passes beyond the interval, and the timer has not fired. (Paused, the
    // page's timers fire only when the test says: a slow machine cannot fire the 5-s one meanwhile.)
    await page.clock.pauseAt(Date.now() + 100);
    const shown = (state: string) =>
      page.evaluate((visibility) => {
        Object.defineProperty(document, 'visibilityState', { value: visibility, configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      }, state);
    await page.clock.setSystemTime(Date.now() + 2_000);
    await shown('visible');
    assert.equal(polls, 0, 'not due yet: the interval is 5 s');
    await page.clock.setSystemTime(Date.now() + 60_000);
    await shown('hidden');
    assert.equal(polls, 0, 'nothing while hidden');
    await shown('visible');
    // A timeout here once meant the page's script ran after the clock moved (deviceCodePage now waits for its
    // load): should it come back, the failure says what the page showed.
    await page
      .locator('#device-status', { hasText: 'Still waiting' })
      .waitFor()
      .catch(async (error: unknown) => {
        const status = await page
          .locator('#device-status')
          .innerText()
          .catch(() => '(no status)');
        throw new Error(`no "Still waiting" after ${polls} poll(s); the status read: ${status}`, {
          cause: error,
        });
      });
    assert.equal(polls, 1, 'checked once, on coming back');
    await context.close();
  });

  /**
   * A user-agent login, in a browser context of its own, signed in at the emulator: before each of its posts of the
   * fragment that `signsInFirst` names (0, 1…), another tab of the same browser signs in, so the post's form token
   * has gone stale on its way.
   */
  async function userAgentLoginWithTabSigningIn(signsInFirst: (post: number) => boolean) {
    const { stack } = ui;
    const context = await newContext(ui.browser as Browser);
    const login = await context.newPage();
    const other = await context.newPage();
    const seen = { posts: 0 };
    await login.route('**/oauthcallback/fragment', async (route) => {
      if (signsInFirst(seen.posts++)) {
        await other.goto(`${stack.appUrl}/flows/client-credentials`);
        await other.getByRole('button', { name: 'Run the client credentials flow' }).click();
        await other.waitForURL(`${stack.appUrl}/result`);
      }
      await route.continue();
    });
    await login.goto(`${stack.appUrl}/flows/user-agent`);
    await login.getByRole('button', { name: 'Run the user-agent flow' }).click();
    await signInAtEmulator(login, stack);
    return { context, login, seen };
  }

  test('a double-clicked Allow at the emulator sends one approval, and the login goes on to the result', async (t) => {
    if (!ui.browser) return t.skip(NO_BROWSER_MESSAGE);
    const { stack } = ui;
    const context = await newContext(ui.browser as Browser);
    const page = await context.newPage();
    const approvals: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/services/oauth2/authorize/approve'))
        approvals.push(request.url());
    });
    // The send-once script arriving late, as over a slow link: no button may be clicked before it is in place.
    await page.route('**/emulator-assets/forms.js', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    // prompt=consent: the approval page even for a user who approved before.
    await page.goto(`${stack.appUrl}/flows/web-server/start?prompt=consent`);
    await page.getByLabel('Username').fill(stack.config.username);
    await page.getByLabel('Password').fill(stack.config.emulator.password);
    await page.getByRole('button', { name: 'Log In' }).click();
    await page.getByRole('button', { name: 'Allow' }).waitFor();
    // The first approval held on its way, as a slow answer would be, while the second click comes.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/services/oauth2/authorize/approve', async (route) => {
      await held;
      await route.continue();
    });
    // Two clicks 50 ms apart, the second while the first approval is still on its way (in the page: Playwright's
    // own click would wait for the first navigation).
    const second = new Promise<void>((resolve) => page.once('console', () => resolve()));
    await page.evaluate(() => {
      const allow = document.querySelector<HTMLButtonElement>('button[value="allow"]');
      allow?.click();
      setTimeout(() => {
        allow?.click();
        console.log('clicked twice');
      }, 50);
    });
    await second;
    release();
    await page.waitForURL(`${stack.appUrl}/result`);
    assert.equal(approvals.length, 1);
    await context.close();
  });

  test('a user-agent login that comes back while another tab signs in is still taken, not lost on a 403', async (t) => {
    if (!ui.browser) return t.skip(NO_BROWSER_MESSAGE);
    const { context, login, seen } = await userAgentLoginWithTabSigningIn((post) => post === 0);
    await login.waitForURL(`${ui.stack.appUrl}/result`);
    assert.equal(seen.posts, 2, 'refused once as a stale form, then sent again with a fresh token');
    assert.match(await login.title(), /Signed in \(user-agent flow\)/);
    await context.close();
  });

  test('a user-agent login refused twice that way says to start again, not to reload a page that lost it', async (t) => {
    if (!ui.browser) return t.skip(NO_BROWSER_MESSAGE);
    // The retry's post meets a sign-in in the other tab too.
    const { context, login, seen } = await userAgentLoginWithTabSigningIn(() => true);
    const status = login.locator('#callback-status');
    await status.filter({ hasText: 'could not take' }).waitFor();
    assert.equal(seen.posts, 2);
    const text = await status.textContent();
    assert.match(text ?? '', /another tab of this browser signed in or out again .* Start the flow again\.$/);
    assert.doesNotMatch(text ?? '', /Reload/);
    // The way to start again is at hand, not only named.
    await login.getByRole('link', { name: 'Run the user-agent flow again' }).click();
    await login.waitForURL(`${ui.stack.appUrl}/flows/user-agent`);
    await context.close();
  });

  test('the callback page opened by hand says where sign-ins start, and links there', async (t) => {
    if (!ui.browser) return t.skip(NO_BROWSER_MESSAGE);
    const context = await newContext(ui.browser as Browser);
    const page = await context.newPage();
    await page.goto(`${ui.stack.appUrl}/oauthcallback.html`);
    await page.locator('#callback-status').filter({ hasText: 'Nothing to finish' }).waitFor();
    await page.getByRole('link', { name: 'choose a flow' }).click();
    await page.waitForURL(`${ui.stack.appUrl}/`);
    await context.close();
  });

  test('a user-agent callback page reloaded while it posted the fragment leads to the result page', async (t) => {
    if (!ui.browser) return t.skip(NO_BROWSER_MESSAGE);
    const { stack } = ui;
    const context = await newContext(ui.browser as Browser);
    const login = await context.newPage();
    // The post reaches the app, which takes the login (Playwright's fetch keeps the new session cookie); the page
    // is reloaded before its script gets the answer.
    let taken = () => {};
    const posted = new Promise<void>((resolve) => (taken = resolve));
    await login.route('**/oauthcallback/fragment', async (route) => {
      await route.fetch();
      taken();
    });
    await login.goto(`${stack.appUrl}/flows/user-agent`);
    await login.getByRole('button', { name: 'Run the user-agent flow' }).click();
    await signInAtEmulator(login, stack);
    await posted;
    await login.reload();
    await login.locator('#callback-status').filter({ hasText: 'Nothing to finish' }).waitFor();
    const link = login.locator('#callback-finished').getByRole('link');
    await link.waitFor();
    await link.click();
    await login.waitForURL(/\/result/);
    assert.match(await login.title(), /Signed in \(user-agent flow\)/);
    await context.close();
  });
});
