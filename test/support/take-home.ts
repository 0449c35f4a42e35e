// The take-home browser tests' set-up: a stack, a page that may read the clipboard, a folder laid out like a
// learner's checkout (certs/ and node_modules/), and the two moves they all make: copy from a control, run as curl.
import assert from './assert.ts';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, releaseBrowser } from './browser.ts';
import { CURL_STATUS_AFTER_BODY } from './curl-status.ts';
import { signInAtEmulator } from './pages.ts';
import { startTestStack, TEST_ROOT, type TestStack } from './stack.ts';

export const run = promisify(execFile);

export interface Answer {
  status: number;
  body: string;
}

export interface TakeHome {
  stack: TestStack;
  /** null when Chromium is missing (the tests then skip, except in CI). */
  browser: Browser | null;
  page: Page;
  /** Where snippets run: the playground's folder as a learner has it (certs/ and node_modules/ there). */
  workDir: string;
  /** Clicks a copy control and returns what landed on the clipboard, once the page says it copied. */
  copy(box: Locator, button: Locator): Promise<string>;
  /** Runs a copied curl command as a shell would, with curl reporting the status after the body. */
  curl(script: string): Promise<Answer>;
}

/**
 * Inside a describe: everything above, started before its tests and closed after. With `signedIn`, the page then
 * signs in through the web server flow and stays on its result: JWT bearer also needs that, a user who approved the
 * app once, as at Salesforce.
 */
export function takeHomeBrowser({ signedIn = false } = {}): TakeHome {
  const home = {
    browser: null,
    async copy(box, button) {
      const status = box.locator('.copy-status');
      await status.evaluate((element) => (element.textContent = ''));
      // The element itself: a renewing control changes its name once it has renewed.
      const control = await button.elementHandle();
      assert.ok(control, 'the copy control');
      await control.click();
      await assert.doesNotReject(
        status.filter({ hasText: /^Copied the / }).waitFor(),
        'the page says it copied',
      );
      assert.ok(await control.evaluate((element) => element === document.activeElement), 'focus stays on it');
      return home.page.evaluate(() => navigator.clipboard.readText());
    },
    async curl(script) {
      const { stdout } = await run('bash', ['-c', `${CURL_STATUS_AFTER_BODY}\n${script}`], {
        cwd: home.workDir,
      });
      const cut = stdout.lastIndexOf('\n');
      return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
    },
  } as TakeHome;

  before(async () => {
    home.stack = await startTestStack();
    home.browser = await launchBrowser();
    home.workDir = mkdtempSync(path.join(os.tmpdir(), 'take-home-'));
    symlinkSync(path.join(TEST_ROOT, 'certs'), path.join(home.workDir, 'certs'));
    symlinkSync(path.resolve('node_modules'), path.join(home.workDir, 'node_modules'));
    if (!home.browser) return;
    const context = await home.browser.newContext({
      ignoreHTTPSErrors: true,
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    home.page = await context.newPage();
    if (!signedIn) return;
    await home.page.goto(`${home.stack.appUrl}/flows/web-server/start`);
    await signInAtEmulator(home.page, home.stack);
    await home.page.waitForURL(`${home.stack.appUrl}/result`);
  });
  after(async () => {
    await releaseBrowser(home.browser);
    await home.stack.close();
    rmSync(home.workDir, { recursive: true, force: true });
  });
  return home;
}
