// Every newer flow in Chromium, from the home page to a result page with query rows (client credentials,
// username-password, device, refresh token); the break-it switches are in break-it.test.ts.
// (npm test balances its browser groups on this file taking about 8 s alone.)
import assert from '../support/assert.ts';
import { describe } from 'node:test';
import { NO_BROWSER_MESSAGE, newContext } from '../support/browser.ts';
import { answerDeviceCode } from '../support/device.ts';
import { ADMIN_ID, changeSettings } from '../support/emulator-api.ts';
import { deviceCodePage, everyFlowBrowser } from '../support/flowDriver.ts';
import { revealedCopies, testWithScreenshot } from '../support/pages.ts';

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
        if (flow === 'username-password') {
          // Revealed, the token request's copies hold everything but the password, which is never kept.
          const token = page.locator('.transcript > li[data-leg="token"]');
          await token.locator('summary').first().click();
          const box = await revealedCopies(token, 'token request');
          assert.match(
            await box.locator('.copy-note').innerText(),
            /^Copies your own values, except \$SF_PASSWORD, which this app never keeps: export it \(not only set/,
          );
          await box
            .getByRole('button', { name: 'Copy token request as curl, with your values but SF_PASSWORD' })
            .waitFor();
          // Hide brings the copies back as the page was served: placeholders, and the note that says so.
          await token.getByRole('button', { name: 'Hide secrets of the token request' }).click();
          await box
            .getByRole('button', { name: 'Copy token request as curl, with variables from your shell' })
            .waitFor();
          assert.match(
            await box.locator('.copy-note').innerText(),
            /^Copies variables read from your shell \(/,
          );
        }
      },
      { timeout: 30_000 },
    );
  }

  test('on a phone, Run opens the page at the code, not at the top two screens above it', async (t) => {
    if (!ui.browser) return t.skip(NO_BROWSER_MESSAGE);
    const context = await newContext(ui.browser, 360);
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(ui.flows.flowUrl('device'));
    await page.getByRole('button', { name: 'Run the device flow' }).click();
    await page.waitForURL(`${ui.flows.flowUrl('device')}#code-heading`);
    await page.waitForLoadState('load');
    const code = await page.locator('#user-code').boundingBox();
    assert.ok(code && code.y >= 0 && code.y + code.height <= 900, `the code at ${code?.y} px`);
    assert.equal(await page.title(), 'Device flow: enter the code · Salesforce OAuth playground');
    await context.close();
  });

  test('a failure answered to the page’s own poll opens the explained error, not a page left waiting', async (t) => {
    if (!ui.browser) return t.skip(NO_BROWSER_MESSAGE);
    const { context, page } = await deviceCodePage(ui, 'rfc-grant-type');
    await page.clock.runFor(5_000); // the page's own poll, refused: the app polled with the RFC's grant type
    await page.waitForURL(`${ui.flows.flowUrl('device')}#teaching-heading`);
    await page.locator('.error-box').waitFor();
    assert.equal(await page.locator('#user-code').count(), 0, 'the code is gone with the failed attempt');
    await context.close();
  });

  test('a sign-in in another tab: the device page reloads itself and goes on polling to the result', async (t) => {
    if (!ui.browser) return t.skip(NO_BROWSER_MESSAGE);
    const { stack } = ui;
    await changeSettings(stack, { runAsUserId: ADMIN_ID });
    const context = await newContext(ui.browser);
    const device = await context.newPage();
    await device.clock.install();
    await device.goto(ui.flows.flowUrl('device'));
    await device.getByRole('button', { name: 'Run the device flow' }).click();
    await device.waitForLoadState('load'); // its script's timer set before the clock runs (see deviceCodePage)
    const userCode = await device.locator('#user-code').innerText();
    // Another tab of the same browser signs in: the device page's form token is now a stale one.
    const other = await context.newPage();
    await other.goto(ui.flows.flowUrl('client-credentials'));
    await other.getByRole('button', { name: 'Run the client credentials flow' }).click();
    await other.waitForURL(`${stack.appUrl}/result`);
    const reloaded = device.waitForEvent('load');
    await device.clock.runFor(5_000);
    await reloaded;
    assert.equal(await device.locator('#user-code').innerText(), userCode, 'the same code, carried over');
    // A second sign-in there: the page, now at the very URL it reloads to, reloads again rather than only scrolling.
    await other.goto(ui.flows.flowUrl('client-credentials'));
    await other.getByRole('button', { name: 'Run the client credentials flow' }).click();
    await other.waitForURL(`${stack.appUrl}/result`);
    const again = device.waitForEvent('load');
    await device.clock.runFor(5_000);
    await again;
    assert.equal(await device.locator('#user-code').innerText(), userCode, 'carried over once more');
    await answerDeviceCode(stack, `${stack.emulatorUrl}/setup/connect`, userCode);
    await device.clock.runFor(5_000);
    await device.waitForURL(`${stack.appUrl}/result`);
    await context.close();
  });
});
