// Browser steps shared by the e2e tests: log in at the emulator's real pages, reveal a leg's copies, save screenshots.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext, type TestOptions } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { ARTIFACTS_DIR } from './browser.ts';
import type { TestStack } from './stack.ts';

/** On the emulator's login page (if shown) and approval page (if shown): sign in and Allow. */
export async function signInAtEmulator(
  page: Page,
  stack: TestStack,
  username = stack.config.username,
): Promise<void> {
  await page.waitForLoadState();
  if (await page.locator('#password').count()) {
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(stack.config.emulator.password);
    await page.getByRole('button', { name: 'Log In' }).click();
    await page.waitForLoadState();
  }
  const allow = page.getByRole('button', { name: 'Allow' });
  if (page.url().startsWith(stack.emulatorUrl) && (await allow.count())) await allow.click();
}

/**
 * In an opened transcript leg: Reveal its secrets (the owner's values replace the placeholders), then open its
 * copies. Returns the copies' box, whose controls a test clicks next.
 */
export async function revealedCopies(leg: Locator, name: string): Promise<Locator> {
  await leg.getByRole('button', { name: `Reveal secrets of the ${name}` }).click();
  await leg.getByRole('button', { name: `Hide secrets of the ${name}` }).waitFor();
  const box = leg.locator('[data-snippets]');
  await box.locator('summary').click();
  return box;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
}

/** test(), with a full-page screenshot in test-results/ when it fails (none on success: they are slow to take). */
export function testWithScreenshot(
  pageOf: () => Page | undefined,
): (name: string, body: (t: TestContext) => Promise<unknown>, options?: TestOptions) => void {
  return (name, body, options = {}) =>
    test(name, options, async (t) => {
      try {
        await body(t);
      } catch (error) {
        const page = pageOf();
        const file = name.replace(/\W+/g, '-').toLowerCase().slice(0, 80);
        if (page) await screenshot(page, file).catch(() => undefined);
        throw error;
      }
    });
}
