// Forms whose submission failed because of what was typed: in Chromium, the field at fault says so to a screen
// reader (aria-invalid) and is described by words that name the problem, not only by a box elsewhere on the page.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext, NO_BROWSER_MESSAGE, releaseBrowser } from '../support/browser.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

/** What a screen reader hears of a field beyond its name: aria-invalid, and the text its aria-describedby points at. */
async function fieldState(
  page: Page,
  selector: string,
): Promise<{ invalid: string | null; description: string }> {
  return page.locator(selector).evaluate((field) => ({
    invalid: field.getAttribute('aria-invalid'),
    description: (field.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? `(no element #${id})`)
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim(),
  }));
}

describe('a field at fault after a failed submission, in Chromium', () => {
  let stack: TestStack;
  let browser: Browser | null;
  before(async () => {
    stack = await startTestStack();
    browser = await launchBrowser();
  });
  after(async () => {
    await releaseBrowser(browser);
    await stack?.close();
  });

  test('username-password: an empty Password, or one that already ends with the token, marks the fields at fault', async (t) => {
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    const page = await (await newContext(browser)).newPage();
    await page.goto(`${stack.appUrl}/flows/username-password`);
    assert.deepEqual(await fieldState(page, '#up-password'), { invalid: null, description: '' });
    await page.getByRole('button', { name: 'Run the username-password flow' }).click();
    await page.getByRole('heading', { name: "Enter the user's password first" }).waitFor();
    const empty = await fieldState(page, '#up-password');
    assert.equal(empty.invalid, 'true');
    assert.match(empty.description, /no password was entered/i);
    // The token field was not at fault: it keeps only its help.
    assert.equal((await fieldState(page, '#up-token')).invalid, null);

    const token = 'A'.repeat(24);
    await page.getByLabel('Password', { exact: true }).fill(`secret${token}`);
    await page.getByLabel('Security token', { exact: true }).fill(token);
    await page.getByRole('button', { name: 'Run the username-password flow' }).click();
    await page.locator('.error-box code', { hasText: 'security_token_twice' }).waitFor();
    for (const field of ['#up-password', '#up-token']) {
      const state = await fieldState(page, field);
      assert.equal(state.invalid, 'true', field);
      assert.match(state.description, /already ends with the security token/, field);
    }
    // A run that reaches Salesforce clears the marks: its answer is about the org, not about a field left empty.
    await page.getByLabel('Password', { exact: true }).fill('wrong');
    await page.getByLabel('Security token', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Run the username-password flow' }).click();
    await page.locator('.error-box code', { hasText: 'invalid_grant' }).first().waitFor();
    assert.deepEqual(await fieldState(page, '#up-password'), { invalid: null, description: '' });
    await page.context().close();
  });

  test('emulator Setup: a refused callback URL, certificate or period marks its own field, described by its own error', async (t) => {
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    const page = await (await newContext(browser)).newPage();
    await page.goto(`${stack.emulatorUrl}/setup`);
    await page.getByLabel('Username').fill(stack.config.username);
    await page.getByLabel('Password').fill(stack.config.emulator.password);
    await page.getByRole('button', { name: 'Log In' }).click();
    await page.getByRole('heading', { name: 'App settings' }).waitFor();
    const fields = ['#callbackUrls', '#certificatePem', '#refreshTokenAmount'];
    for (const field of fields)
      assert.deepEqual(await fieldState(page, field), { invalid: null, description: '' });
    await page.getByLabel('Callback URLs (one per line)').fill('not a url');
    await page.getByLabel('Digital signature certificate (PEM)').fill('not a certificate');
    await page.getByLabel('Expire refresh token if not used for N').check();
    await page.getByLabel('N (the period, in the unit below)', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#setup-errors').waitFor();
    const [callback, certificate, amount] = await Promise.all(fields.map((field) => fieldState(page, field)));
    assert.deepEqual(callback, { invalid: 'true', description: '"not a url" is not a URL.' });
    assert.deepEqual(certificate, {
      invalid: 'true',
      description: 'The certificate must be a PEM X.509 certificate ("-----BEGIN CERTIFICATE-----").',
    });
    assert.deepEqual(amount, {
      invalid: 'true',
      description: 'The refresh token policy needs a whole number from 1 to 10000.',
    });
    // A field with nothing wrong says nothing of the others' errors.
    assert.equal((await fieldState(page, '#runAsUserId')).invalid, null);
    await page.context().close();
  });

  test('emulator Setup, Org: CORS: a refused origin is read at the field, and its line in the list leads the keyboard there', async (t) => {
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    const page = await (await newContext(browser, 320)).newPage();
    await page.goto(`${stack.emulatorUrl}/setup`);
    await page.getByLabel('Username').fill(stack.config.username);
    await page.getByLabel('Password').fill(stack.config.emulator.password);
    await page.getByRole('button', { name: 'Log In' }).click();
    await page.getByLabel('Allowed Origins List: Origin URL Pattern (one per line)').fill('localhost:3000');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#setup-errors').waitFor();
    const problem =
      '"localhost:3000" has no scheme: write http://localhost:3000 (or https://localhost:3000 if the page is served over https).';
    assert.deepEqual(await fieldState(page, '#corsAllowedOrigins'), {
      invalid: 'true',
      description: problem,
    });
    // The list has the focus, above a long form: the field at fault is one Tab and Enter away, not 27 Tabs.
    assert.ok(await page.locator('#setup-errors').evaluate((box) => box === document.activeElement));
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), problem);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'corsAllowedOrigins');
    await page.context().close();
  });
});
