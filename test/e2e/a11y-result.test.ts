// Accessibility in Chromium through a web server sign-in: the emulator's login and approval pages and the result
// page pass the sweep of test/support/a11y.ts; its controls have names of their own and keep focus by keyboard.
// (npm test balances its browser groups on this file taking about 6 s alone.)
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { a11yBrowser } from '../support/a11y.ts';
import { NO_BROWSER_MESSAGE } from '../support/browser.ts';
import { signInAtEmulator } from '../support/pages.ts';

describe('accessibility and layout in Chromium', () => {
  const ui = a11yBrowser();

  const focused = (selector: string) =>
    ui.page.locator(selector).evaluate((element) => element === document.activeElement);

  test('the emulator login and approval pages, and the result page with every leg open', async (t) => {
    const { browser, page, stack, problemsOf } = ui;
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    const problems: string[] = [];
    // Its /setup shows the same login page to a visitor who is not logged in.
    await page.goto(`${stack.appUrl}/flows/web-server/start`);
    problems.push(...(await problemsOf('emulator login')));
    await page.getByLabel('Username').fill(stack.config.username);
    await page.getByLabel('Password').fill(stack.config.emulator.password);
    await page.getByRole('button', { name: 'Log In' }).click();
    await page.getByRole('button', { name: 'Allow' }).waitFor();
    problems.push(...(await problemsOf('emulator approval')));
    await signInAtEmulator(page, stack);
    await page.waitForURL(`${stack.appUrl}/result`);
    problems.push(...(await problemsOf('/result after the web server flow')));
    assert.deepEqual(problems, []);
    // Every leg open, as the sweep left it: its scrollable code blocks are named groups, not landmarks, so the
    // landmark list a screen reader offers stays a table of contents (it held 53 regions).
    const regions = await page.evaluate(
      () =>
        document.querySelectorAll('[role="region"], section[aria-labelledby], section[aria-label]').length,
    );
    assert.ok((await page.locator('.transcript pre[tabindex="0"]').count()) > 10, 'the legs are open');
    assert.ok(regions <= 12, `${regions} regions`);
  });

  test('every control of the result page has a name of its own', async (t) => {
    const { browser, page } = ui;
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    const names = await page
      .getByRole('button')
      .evaluateAll((buttons) =>
        buttons.map((button) => (button.textContent ?? '').replace(/\s+/g, ' ').trim()),
      );
    assert.deepEqual(
      names.filter((name, i) => names.indexOf(name) !== i),
      [],
    );
    assert.ok(
      names.includes('Copy token request as curl, with variables from your shell'),
      names.join(' | '),
    );
    assert.ok(names.includes('Reveal secrets of the query request'), names.join(' | '));
  });

  test('Escape hides a parameter’s help until focus leaves that parameter', async (t) => {
    const { browser, page } = ui;
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    await page.reload(); // without the style that shows every tooltip
    const leg = page.locator('.transcript > li[data-leg="authorize"]');
    await leg.locator('summary').first().click();
    const [first, second] = [leg.locator('.param').nth(0), leg.locator('.param').nth(1)];
    const help = leg.locator('.tooltip').first();
    await first.focus();
    assert.ok(await help.isVisible(), 'shown on focus');
    await page.keyboard.press('Escape');
    assert.ok(await help.isHidden(), 'Escape hides it');
    await page.keyboard.press('Tab');
    assert.ok(await second.evaluate((element) => element === document.activeElement));
    await page.keyboard.press('Shift+Tab');
    assert.ok(await help.isVisible(), 'shown again once focus came back');
  });

  test('an expiry countdown says "expired" once past, and then stops changing (WCAG 2.2.2)', async (t) => {
    const { browser, page } = ui;
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    assert.ok(
      (await page.locator('.countdown[data-exp]').count()) > 0,
      'the result page shows an id_token exp',
    );
    await page.evaluate(() => {
      for (const element of document.querySelectorAll<HTMLElement>('.countdown[data-exp]')) {
        element.dataset.exp = String(Math.floor(Date.now() / 1000) - 5);
      }
    });
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.countdown[data-exp]')].every((e) => e.textContent === '(expired)'),
    );
    await page.evaluate(() => {
      for (const element of document.querySelectorAll('.countdown[data-exp]')) element.textContent = 'still';
    });
    await page.waitForTimeout(1_500);
    const texts = await page.locator('.countdown[data-exp]').allTextContents();
    assert.ok(
      texts.every((text) => text === 'still'),
      `the countdown went on: ${texts.join(', ')}`,
    );
  });

  test('a step that loads while its placeholder link has focus keeps focus inside the step', async (t) => {
    const { browser, page } = ui;
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    await page.reload();
    await page.route('**/teaching/legs/**', (route) => setTimeout(() => void route.continue(), 800));
    try {
      // Held by its element: once loaded, the step no longer matches the selector that found it.
      const leg = await page.locator('.transcript > li:has(.leg-body[data-leg-src])').last().elementHandle();
      assert.ok(leg, 'a step not loaded yet');
      await (await leg.$('summary'))?.focus();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab'); // onto the placeholder link, while the step is still loading
      await leg.waitForSelector('.leg-body:not([data-leg-src])', { state: 'attached' });
      await page.waitForFunction(() => !document.querySelector('.leg-body[aria-busy="true"]'));
      const focusedTag = await page.evaluate(() => document.activeElement?.tagName);
      assert.notEqual(focusedTag, 'BODY');
      assert.ok(await leg.evaluate((li) => li.contains(document.activeElement)), 'focus stays in the step');
    } finally {
      await page.unroute('**/teaching/legs/**');
      await page.reload(); // every step closed again, as the next test expects
    }
  });

  test('Reveal, by keyboard, leaves focus on its control, now named Hide', async (t) => {
    const { browser, page } = ui;
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    const leg = page.locator('.transcript > li[data-leg="query"]');
    await leg.locator('summary').first().click();
    await leg.getByRole('button', { name: 'Reveal secrets of the query request' }).focus();
    await page.keyboard.press('Enter');
    await leg.getByRole('button', { name: 'Hide secrets of the query request' }).waitFor();
    assert.ok(await focused('.transcript > li[data-leg="query"] .reveal-entry'));
    await page.getByRole('button', { name: 'Reveal the access token' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Hide the access token' }).waitFor();
    assert.ok(await focused('#reveal-token'));
    // The words say what the button does next; a pressed state on top would read "Hide…, pressed", a contradiction.
    assert.equal(
      await page
        .locator('#reveal-token, .reveal-entry')
        .evaluateAll((buttons) => buttons.filter((button) => button.hasAttribute('aria-pressed')).length),
      0,
    );
  });

  test('a copy made before Reveal says, read out and beside its control, to export what it leaves to the shell', async (t) => {
    const { browser, page } = ui;
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    await page.reload(); // the token hidden again: its copies read SF_ACCESS_TOKEN from the environment
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const box = page.locator('#take-home-token');
    await box.locator('summary').click();
    const copy = box.getByRole('button', { name: /^Copy query with the access token as Python/ });
    await copy.focus();
    await page.keyboard.press('Enter');
    const said = box.locator('.copy-status');
    await page.waitForFunction((element) => Boolean(element?.textContent), await said.elementHandle());
    // The Python and jsforce copies read the environment: a variable only set in the shell never reaches them.
    assert.match((await said.textContent()) ?? '', /Export SF_ACCESS_TOKEN before running it\.$/);
    assert.equal(await copy.locator('+ .status-line').textContent(), await said.textContent());
    assert.ok(
      await copy.evaluate((button) => button === document.activeElement),
      'focus stays on the control',
    );
  });

  test("a query pasted past the SOQL box's length is refused as too long, never run cut short", async (t) => {
    const { browser, page, stack } = ui;
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    await page.goto(`${stack.appUrl}/result`);
    // fill() keeps to the box's maxlength, as a paste does: what reaches the app is what the box kept.
    const names = Array.from({ length: 600 }, (_, i) => `'Name ${i}'`).join(',');
    await page.getByLabel('SOQL').fill(`SELECT Id FROM Account WHERE Name IN (${names})`);
    await page.getByRole('button', { name: 'Run query' }).click();
    await page.waitForLoadState('load');
    assert.equal(await page.locator('h1').textContent(), 'Query too long');
    assert.match(
      await page.locator('main').innerText(),
      /The query is longer than the 4,000 characters this page takes/,
    );
  });
});
