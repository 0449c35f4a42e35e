// Every page, app and emulator, in real Chromium at 375 and 1280 px, light and dark, with every transcript,
// snippet and tooltip open: no sideways scrolling on a phone, no axe-core violation of any impact; and the
// keyboard: Escape dismisses help, focus stays on the control used, the navigation marks the current page.
// (npm test balances its browser groups on this file taking about 22 s alone.)
import assert from '../support/assert.ts';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, NO_BROWSER_MESSAGE, openEveryDetails, releaseBrowser } from '../support/browser.ts';
import { signInAtEmulator } from '../support/pages.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * One full axe run per page (1280 px, light); the other three combinations run only the rules whose outcome they can
 * change. The dark theme changes colours only (custom properties in both style sheets): contrast. The phone width
 * restyles some text (claim meanings turn muted) and changes what overflows, what scrolls and target sizes: contrast
 * in both themes, the size rules in one, since no theme changes a size.
 */
const WIDTH_RULES = ['color-contrast', 'scrollable-region-focusable', 'target-size'];
const COMBINATIONS = [
  { width: 1280, colorScheme: 'light', rules: undefined },
  { width: 1280, colorScheme: 'dark', rules: ['color-contrast'] },
  { width: 375, colorScheme: 'dark', rules: WIDTH_RULES },
  { width: 375, colorScheme: 'light', rules: ['color-contrast'] },
] as const;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

describe('accessibility and layout in Chromium', () => {
  let stack: TestStack;
  let browser: Browser | null;
  let page: Page;

  before(async () => {
    stack = await startTestStack();
    browser = await launchBrowser();
    if (!browser) return;
    // axe comes into every page as a script, which the pages' CSP would rightly refuse.
    const context = await browser.newContext({ ignoreHTTPSErrors: true, bypassCSP: true });
    await context.addInitScript(axeSource);
    page = await context.newPage();
  });
  after(async () => {
    await releaseBrowser(browser);
    await stack.close();
  });

  /**
   * Opens every <details> and shows every tooltip, then for each combination measures the page's width against
   * the screen's (375 px), looks for table names broken across lines, and runs axe. Returns the problems, each
   * naming the page and the combination.
   */
  const problemsOf = async (name: string): Promise<string[]> => {
    await openEveryDetails(page);
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = '.tooltip { display: block !important; }';
      document.head.append(style);
    });
    const problems: string[] = [];
    for (const { width, colorScheme, rules } of COMBINATIONS) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme });
      const where = `${name} at ${width} px, ${colorScheme}`;
      const { overflow, violations, broken } = await page.evaluate(async (only) => {
        type Axe = { run: (...args: unknown[]) => Promise<{ violations: unknown[] }> };
        const axe = (window as unknown as { axe: Axe }).axe;
        const runOnly = only ? { runOnly: { type: 'rule', values: only } } : {};
        // Without selectors axe skips naming elements uniquely (a sixth of this sweep's CPU, measured); a violation
        // to report is named by a second run, with them.
        const options = { ...runOnly, resultTypes: ['violations'] };
        let found = await axe.run(document, { ...options, selectors: false });
        if (found.violations.length > 0) found = await axe.run(document, options);
        // Claim and parameter names, and the headers above them, are read on one line, never a letter a line.
        const names = '.claims thead th, .claims tbody th code, .params thead th, .params tbody th code';
        const broken = [...document.querySelectorAll(names)].filter((element) => {
          if (element.getBoundingClientRect().width <= 1) return false; // visually hidden, for screen readers
          const range = document.createRange();
          range.selectNodeContents(element);
          return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size > 1;
        });
        return {
          overflow: document.documentElement.scrollWidth - window.innerWidth,
          violations: found.violations as AxeViolation[],
          broken: broken.map((element) => element.textContent ?? ''),
        };
      }, rules);
      if (width === 375 && overflow > 0) problems.push(`${where}: ${overflow} px wider than the screen`);
      for (const name of broken) problems.push(`${where}: "${name}" breaks across lines`);
      // Every impact counts, moderate and minor too: the pages have none, and a new one is cheaper to fix at once.
      for (const v of violations) {
        const nodes = v.nodes.map((node) => node.target.join(' ')).join(', ');
        problems.push(`${where}: ${v.id} (${v.impact}) ${v.help} at ${nodes}`);
      }
    }
    return problems;
  };

  const visit = async (url: string, name = url.replace(/^https:\/\/[^/]+/, '')) => {
    await page.goto(url);
    return problemsOf(name);
  };

  const focused = (selector: string) =>
    page.locator(selector).evaluate((element) => element === document.activeElement);

  test('signed-out pages of the app and the emulator: no sideways scroll, no axe violation', async (t) => {
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
      ...(await visit(`${app}/no-such-page`)),
      ...(await visit(`${emulator}/`, 'emulator home')),
      ...(await visit(`${emulator}/setup/connect`, 'emulator connect')),
      ...(await visit(`${emulator}/setup/typo`, 'emulator page not found')),
      ...(await visit(`${emulator}/services/oauth2/authorize?client_id=nope`, 'emulator error page')),
    ];
    assert.deepEqual(problems, []);
  });

  test('the navigation marks the current page, and only it', async (t) => {
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

  test('the emulator login and approval pages, and the result page with every leg open', async (t) => {
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
  });

  test('every control of the result page has a name of its own', async (t) => {
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
    assert.ok(names.includes('Copy token request as curl, with placeholders'), names.join(' | '));
    assert.ok(names.includes('Reveal secrets of the query request'), names.join(' | '));
  });

  test('Escape hides a parameter’s help until focus leaves that parameter', async (t) => {
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

  test('Reveal, by keyboard, leaves focus on its control, now named Hide', async (t) => {
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
  });

  test('every flow page with its latest attempt and its transcript open', async (t) => {
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
      await page.getByRole('button', { name: run }).click();
      await page.waitForLoadState();
      // A failed attempt comes back to its flow page; a successful one goes to the result page first.
      if (page.url() !== `${stack.appUrl}/flows/${flow}`) await page.goto(`${stack.appUrl}/flows/${flow}`);
      problems.push(...(await problemsOf(`/flows/${flow}`)));
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
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    // Logged in at the emulator as its System Administrator by now: /setup shows the settings themselves.
    await page.goto(`${stack.emulatorUrl}/setup`);
    await page.getByRole('heading', { name: 'App settings' }).waitFor();
    const problems = await problemsOf('emulator setup as administrator');
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
