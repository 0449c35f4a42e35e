// Accessibility and layout in Chromium, signed out: every page of the app and the emulator a visitor reaches before
// signing in passes the sweep of test/support/a11y.ts, and the navigation marks the current page.
// (npm test balances its browser groups on this file taking about 7 s alone.)
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { a11yBrowser } from '../support/a11y.ts';
import { NO_BROWSER_MESSAGE } from '../support/browser.ts';

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
