// Launches Debian's headless Chromium through playwright-core; never downloads a browser.
import { existsSync } from 'node:fs';
import { after } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { privateTempFolder } from './privateFolder.ts';

/** Debian's headless shell first: the same Blink without the browser's UI, a third less CPU per test. */
const CHROMIUM_PATHS = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * Playwright's own list of Chromium features it turns off (playwright-core 1.65), plus RenderDocument: without
 * it a navigation keeps its frame's renderer objects instead of building new ones, which measured here as 45 %
 * less Chromium CPU per page load and first locator (188 → 105 ms). One --disable-features replaces another, so
 * Playwright's list is repeated here to keep it in force.
 */
const DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'RenderDocument',
];

export const NO_BROWSER_MESSAGE =
  'No Chromium found: install it with `sudo apt-get install -y chromium-headless-shell` (or chromium) to run the browser tests.';

export function chromiumPath(): string | undefined {
  return [process.env.CHROMIUM_PATH, ...CHROMIUM_PATHS].find((p): p is string => Boolean(p && existsSync(p)));
}

/** Set in a test group (test/support/group.ts): its files share one browser, launched by the first that asks. */
let sharing = false;
let shared: Promise<Browser | null> | undefined;

/**
 * Launching Chromium costs about a second of CPU, so the files of one test group share it; each file still works in
 * contexts of its own (own cookies and storage) and closes them. The browser closes after the group's last test.
 */
export function shareBrowserAcrossFiles(): void {
  sharing = true;
  after(async () => {
    await (await shared)?.close();
  });
}

/**
 * Returns a browser, or null (with the reason as `skip`) when Chromium is missing. In CI a missing browser is an
 * error, so a run that silently skipped every browser test cannot pass. Give it back with `releaseBrowser`.
 */
export function launchBrowser(): Promise<Browser | null> {
  if (!sharing) return launchOwnBrowser();
  shared ??= launchOwnBrowser();
  return shared;
}

/** Closes a file's browser, or only that file's contexts when its group shares the browser. */
export async function releaseBrowser(browser: Browser | null): Promise<void> {
  if (!browser) return;
  if (!sharing) return browser.close();
  await Promise.all(browser.contexts().map((context) => context.close()));
}

async function launchOwnBrowser(): Promise<Browser | null> {
  const executablePath = chromiumPath();
  if (!executablePath) {
    if (process.env.CI === 'true') throw new Error(`CI=true but ${NO_BROWSER_MESSAGE}`);
    return null;
  }
  return chromium.launch({
    executablePath,
    headless: true,
    // Chromium keeps a certificate database under $HOME (~/.local/share/pki/nssdb): the tests give it a home of
    // their own, so that running them leaves nothing in the home of whoever runs them.
    env: { ...process.env, HOME: privateTempFolder('sf-oauth-playground-chromium-home') },
    // Root cannot use Chromium's sandbox; the background-networking flags keep it off the (closed) internet.
    // The app and the emulator both send Cross-Origin-Opener-Policy: same-origin, so every navigation between them
    // starts a new browsing context group, and with strict site isolation a new renderer process (41 in a run of
    // the browser files). Without it Chromium reuses processes (22): 85–88 against 95–104 CPU-s for those files,
    // measured alternately. What the pages do (COOP itself, cookies, CSP) is the same either way.
    args: [
      '--no-sandbox',
      '--disable-site-isolation-trials',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disable-features=${DISABLED_FEATURES.join(',')}`,
    ],
  });
}

/** A fresh context (own cookies) that accepts the locally generated certificate. */
export function newContext(browser: Browser, width = 1280): Promise<BrowserContext> {
  return browser.newContext({ ignoreHTTPSErrors: true, viewport: { width, height: 900 } });
}

export const ARTIFACTS_DIR = 'test-results';

/**
 * Opens every <details> that `selector` finds, as a person opening each in turn: a transcript leg loads what it
 * holds when opened (its copies are <details> too, opened once they are there). Fails if a leg never loads.
 */
export async function openEveryDetails(page: Page, selector = 'details'): Promise<void> {
  for (;;) {
    const opened = await page.evaluate((css) => {
      const closed = [...document.querySelectorAll<HTMLDetailsElement>(css)].filter((d) => !d.open);
      closed.forEach((details) => (details.open = true));
      return closed.length;
    }, selector);
    await page.waitForFunction(() => !document.querySelector('.leg-body[data-leg-src]'), undefined, {
      timeout: 10_000,
    });
    if (opened === 0) return;
  }
}
