// Browser steps shared by the e2e tests: log in at the emulator's real pages, save screenshots.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
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

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
}
