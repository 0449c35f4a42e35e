// Accessibility and layout in Chromium, signed out: every page of the app and the emulator a visitor reaches before
// signing in passes the sweep of test/support/a11y.ts, and the navigation marks the current page.
// (npm test balances its browser groups on this file taking about 7 s alone.)
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { a11yBrowser } from '../support/a11y.ts';
import { NO_BROWSER_MESSAGE } from '../support/browser.ts';
import { LOGGED_OUT } from '../../server/emulator/endpoints/loginPage.ts';

const CORS_PASTE =
  "Access to XMLHttpRequest at 'https://acme.my.salesforce.com/services/oauth2/token' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.";

describe('accessibility and layout in Chromium', () => {
  const ui = a11yBrowser();

  test('signed-out pages of the app and the emulator: no sideways scroll, no axe violation', async (t) => {
    const { browser, stack, visit } = ui;
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    const { appUrl: app, emulatorUrl: emulator } = stack;
    const problems = [
      ...(await visit(`${app}/`)),
      ...(await visit(`${app}/setup`)),
      ...(await visit(`${app}/explain?error=invalid_grant&error_description=expired+authorization+code`)),
      // Explanations whose titles and texts hold long codes and URLs, which must wrap on a phone.
      ...(await visit(`${app}/explain?error=INVALID_QUERY_FILTER_OPERATOR`)),
      ...(await visit(`${app}/explain?error=NUMBER_OUTSIDE_VALID_RANGE`)),
      ...(await visit(`${app}/explain?error=untrusted_certificate`)),
      // A code alone: the list of its causes, each a link, with long descriptions to wrap.
      ...(await visit(`${app}/explain?error=invalid_grant`)),
      ...(await visit(`${app}/no-such-page`)),
      ...(await visit(`${emulator}/`, 'emulator home')),
      ...(await visit(`${emulator}/setup/connect`, 'emulator connect')),
      ...(await visit(`${emulator}/setup/typo`, 'emulator page not found')),
      ...(await visit(`${emulator}/services/oauth2/authorize?client_id=nope`, 'emulator error page')),
    ];
    assert.deepEqual(problems, []);
  });

  test('cards whose fix is numbered steps: JWT before any approval, username-password without a token, a CORS paste', async (t) => {
    const { browser, page, stack, problemsOf } = ui;
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    const problems: string[] = [];
    const steps: string[] = [];
    const swept = async (name: string) => {
      problems.push(...(await problemsOf(name)));
      // Each step is an item of a real numbered list, read one at a time.
      steps.push(
        await page
          .locator('.error-box ol.fix-steps > li')
          .first()
          .evaluate((li) => li.parentElement!.tagName),
      );
    };
    // Nobody has approved the app yet: the card and the page's "Approve once as" link, with the long username.
    await page.goto(`${stack.appUrl}/flows/jwt`);
    await page.getByRole('button', { name: 'Run the JWT bearer flow' }).click();
    await page.locator('.error-box').waitFor();
    await swept('/flows/jwt before any approval');
    await page.goto(`${stack.appUrl}/flows/username-password`);
    await page.getByLabel('Password', { exact: true }).fill(stack.config.emulator.password);
    await page.getByRole('button', { name: 'Run the username-password flow' }).click();
    await page.locator('.error-box').waitFor();
    await swept('/flows/username-password without the security token');
    await page.goto(`${stack.appUrl}/explain`);
    await page.locator('#paste-text').fill(CORS_PASTE);
    await page.getByRole('button', { name: 'Explain this error' }).click();
    await page.locator('.error-box').waitFor();
    await swept('/explain with a CORS refusal pasted');
    assert.deepEqual(problems, []);
    assert.deepEqual(steps, ['OL', 'OL', 'OL']);
  });

  test("an approval answered after another tab's Not you? shows the login form, its reason announced once", async (t) => {
    const { browser, page, stack, problemsOf } = ui;
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    await page.goto(`${stack.appUrl}/flows/web-server/start`);
    await page.getByLabel('Username').fill(stack.config.username);
    await page.getByLabel('Password').fill(stack.config.emulator.password);
    await page.getByRole('button', { name: 'Log In' }).click();
    const allow = page.getByRole('button', { name: 'Allow' });
    await allow.waitFor();
    const other = await page.context().newPage();
    await other.goto(`${stack.appUrl}/flows/web-server/start`);
    await other.getByRole('button', { name: 'Not you?' }).click();
    await other.getByLabel('Username').waitFor();
    await other.close();
    await allow.click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    // The cursor starts in the username field: the reason the login is back is read out as the page opens, not
    // left in a paragraph above the field that a screen reader skips.
    assert.deepEqual(await page.getByRole('alert').allTextContents(), [LOGGED_OUT]);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'username');
    assert.deepEqual(await problemsOf('emulator login after Not you? in another tab'), []);
  });

  test('the navigation marks the current page, and only it', async (t) => {
    const { browser, page, stack } = ui;
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    const current = async (path: string) => {
      await page.goto(`${stack.appUrl}${path}`);
      return page
        .locator('header [aria-current="page"]')
        .evaluateAll((links) => links.map((a) => a.textContent));
    };
    assert.deepEqual(await current('/flows/jwt'), ['JWT bearer']);
    assert.deepEqual(await current('/'), ['Salesforce OAuth playground']);
    assert.deepEqual(await current('/explain'), []);
  });
});
