// Accessibility and layout in Chromium once signed in: every flow page with its latest attempt, the emulator's setup
// page as its administrator, a leg on its own page and the signed-out page pass the sweep of test/support/a11y.ts.
// (npm test balances its browser groups on this file taking about 18 s alone.)
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { a11yBrowser } from '../support/a11y.ts';
import { NO_BROWSER_MESSAGE } from '../support/browser.ts';
import { signInAtEmulator } from '../support/pages.ts';

describe('accessibility and layout in Chromium', () => {
  // Signed in through the web server flow first: the refresh token flow runs on its refresh token.
  const ui = a11yBrowser({ signedIn: true });

  test('every flow page with its latest attempt and its transcript open', async (t) => {
    const { browser, page, stack, problemsOf, visit } = ui;
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    const problems = [...(await visit(`${stack.appUrl}/flows/web-server`))];
    // The refresh token flow first, while the session holds the web server flow's refresh token.
    const runs: [string, string][] = [
      ['refresh-token', 'Run the refresh token flow'],
      ['jwt', 'Run the JWT bearer flow'],
      ['client-credentials', 'Run the client credentials flow'],
      ['username-password', 'Run the username-password flow'],
      ['device', 'Run the device flow'],
    ];
    for (const [flow, run] of runs) {
      await page.goto(`${stack.appUrl}/flows/${flow}`);
      // A password, so that Salesforce is asked (an empty one is refused here, before any request).
      if (flow === 'username-password') await page.getByLabel('Password', { exact: true }).fill('wrong');
      await page.getByRole('button', { name: run }).click();
      await page.waitForLoadState();
      // A failed attempt comes back to its flow page; a successful one goes to the result page first.
      if (page.url() !== `${stack.appUrl}/flows/${flow}`) await page.goto(`${stack.appUrl}/flows/${flow}`);
      problems.push(...(await problemsOf(`/flows/${flow}`)));
      // By headings alone, a screen-reader user reaches Run and Break it, not only what the page explains.
      const headings = await page.getByRole('heading', { level: 2 }).allInnerTexts();
      for (const name of ['Run the flow', 'Break it']) assert.ok(headings.includes(name), `${flow}: ${name}`);
      assert.ok(await page.locator('.transcript > li').count(), `${flow}: an attempt is shown`);
    }
    await page.goto(`${stack.appUrl}/flows/user-agent`);
    await page.getByRole('button', { name: 'Run the user-agent flow' }).click();
    await signInAtEmulator(page, stack);
    await page.waitForURL(`${stack.appUrl}/result`);
    problems.push(...(await visit(`${stack.appUrl}/flows/user-agent`)));
    assert.deepEqual(problems, []);
  });

  test('the emulator setup page as its administrator, a leg on its own page, and the signed-out page after a logout', async (t) => {
    const { browser, page, stack, problemsOf } = ui;
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    // Logged in at the emulator as its System Administrator by now: /setup shows the settings themselves.
    await page.goto(`${stack.emulatorUrl}/setup`);
    await page.getByRole('heading', { name: 'App settings' }).waitFor();
    const problems = await problemsOf('emulator setup as administrator');
    // Reset asks for a tick first: a click alone sends nothing.
    await page.getByRole('button', { name: 'Reset the emulator' }).click();
    await page.waitForTimeout(300);
    assert.equal(page.url(), `${stack.emulatorUrl}/setup`);
    assert.equal(
      await page
        .locator('input[name="confirm"]')
        .evaluate((box) => (box as HTMLInputElement).validity.valueMissing),
      true,
    );
    // Where a leg's link leads when the page's script cannot show it in place.
    await page.goto(`${stack.appUrl}/result`);
    const leg = page.locator('.transcript > li .leg-body a').first();
    const name = ((await leg.textContent()) ?? '').replace(/^Show the /, '');
    await page.goto(`${stack.appUrl}${await leg.getAttribute('href')}`);
    await page.getByRole('heading', { name: `The ${name}`, exact: true }).waitFor();
    problems.push(...(await problemsOf('a transcript leg on its own page')));
    await page.goto(`${stack.appUrl}/result`);
    await page.getByRole('button', { name: /^Log out/ }).click();
    await page.waitForURL(`${stack.appUrl}/signed-out`);
    await page.getByRole('heading', { name: 'Signed out' }).waitFor();
    problems.push(...(await problemsOf('/signed-out after a logout')));
    assert.deepEqual(problems, []);
  });
});
