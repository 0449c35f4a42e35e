// axe-core in real Chromium on every page, light and dark: no serious or critical accessibility violation.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, NO_BROWSER_MESSAGE } from '../support/browser.ts';
import { screenshot, signInAtEmulator } from '../support/pages.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run()).violations;
  })) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility (axe-core)', () => {
  let stack: TestStack;
  let browser: Browser | null;
  before(async () => {
    stack = await startTestStack();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await stack.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`every page passes in the ${colorScheme} theme`, async (t) => {
      if (!browser) return t.skip(NO_BROWSER_MESSAGE);
      stack.emulator?.context.state.reset(); // so the approval page is shown again
      // axe is injected as a script, which the pages' CSP would rightly refuse.
      const context = await browser.newContext({ ignoreHTTPSErrors: true, bypassCSP: true, colorScheme });
      const page = await context.newPage();
      const problems: string[] = [];
      const check = async (name: string) => {
        for (const problem of await seriousViolations(page)) problems.push(`${name}: ${problem}`);
      };
      for (const path of [
        '/',
        '/flows/jwt',
        '/flows/web-server',
        '/flows/user-agent',
        '/setup',
        '/no-such-page',
        '/result',
      ]) {
        await page.goto(`${stack.appUrl}${path}`);
        await check(path);
      }
      for (const path of ['/', '/setup']) {
        await page.goto(`${stack.emulatorUrl}${path}`);
        await check(`emulator ${path}`); // /setup: its login page, nobody is logged in yet
      }
      await page.goto(`${stack.appUrl}/flows/jwt`);
      await page.getByRole('button', { name: 'Run the JWT bearer flow' }).click();
      await page.waitForURL(`${stack.appUrl}/flows/jwt`);
      await check('JWT flow error page');
      await page.goto(`${stack.appUrl}/flows/web-server/start`);
      await check('emulator login page');
      await page.getByLabel('Username').fill(stack.config.username);
      await page.getByLabel('Password').fill(stack.config.emulator.password);
      await page.getByRole('button', { name: 'Log In' }).click();
      await page.getByRole('button', { name: 'Allow' }).waitFor();
      await check('emulator approval page');
      await signInAtEmulator(page, stack);
      await page.waitForURL(`${stack.appUrl}/result`);
      await page
        .locator('details')
        .first()
        .evaluate((element) => element.setAttribute('open', ''));
      await check('result page');
      // Logged in at the emulator as its System Administrator by now: /setup shows the settings themselves.
      await page.goto(`${stack.emulatorUrl}/setup`);
      await page.getByRole('heading', { name: 'App settings' }).waitFor();
      await check('emulator setup page');
      await page.goto(`${stack.emulatorUrl}/services/oauth2/authorize?client_id=nope`);
      await check('emulator error page');
      await screenshot(page, `a11y-${colorScheme}`);
      await context.close();
      assert.deepEqual(problems, []);
    });
  }
});
