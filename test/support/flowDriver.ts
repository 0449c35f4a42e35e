// Drives any flow page in Chromium as a person would: fills what the flow asks for, presses Run, signs in at the
// emulator, and for the device flow approves the code from another device. Shared by the browser tests.
import { after, before } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FlowName } from '../../server/attempts/attempt.ts';
import { securityToken } from '../../server/emulator/org.ts';
import { launchBrowser, newContext, releaseBrowser } from './browser.ts';
import { ADMIN_ID, changeSettings } from './emulator-api.ts';
import { signInAtEmulator } from './pages.ts';
import { startTestStack, type TestStack } from './stack.ts';

export const RUN: Record<FlowName, string> = {
  jwt: 'Run the JWT bearer flow',
  'web-server': 'Run the web server flow',
  'user-agent': 'Run the user-agent flow',
  'client-credentials': 'Run the client credentials flow',
  'refresh-token': 'Run the refresh token flow',
  device: 'Run the device flow',
  'username-password': 'Run the username-password flow',
};

/** The emulator settings every flow needs to succeed: a Run As user, username-password allowed, rotation on. */
function enableEveryFlow(stack: TestStack): Promise<void> {
  return changeSettings(stack, {
    runAsUserId: ADMIN_ID,
    allowUsernamePassword: 'on',
    refreshTokenRotation: 'on',
  });
}

export interface FlowDriver {
  flowUrl(flow: FlowName): string;
  /** The Run control of the current flow page; ends where the app sends the browser. */
  run(flow: FlowName, options?: { approve?: boolean }): Promise<void>;
}

export function flowDriver(browser: Browser, page: Page, stack: TestStack): FlowDriver {
  /**
   * The other screen of the device flow, as another device (its own browser context, no shared cookies): enter
   * the code, log in, allow; then "Check now" on this page.
   */
  const approveDevice = async () => {
    const code = page.locator('#user-code');
    if (!(await code.count())) return;
    const otherDevice = await newContext(browser);
    const other = await otherDevice.newPage();
    await other.goto((await page.locator('.device-code a').getAttribute('href')) ?? '');
    await other.getByLabel(/code/i).fill(await code.innerText());
    await other.getByRole('button', { name: /Connect|Continue|Next/ }).click();
    await signInAtEmulator(other, stack);
    await other.getByRole('heading', { name: "You're connected" }).waitFor();
    await otherDevice.close();
    // The page also polls by itself every `interval` seconds, and may have moved on already: "Check now" is
    // pressed inside the page, only if it is still there, and the wait ends when the code is gone either way.
    await page.evaluate(() =>
      document.querySelector<HTMLButtonElement>('form[action="/flows/device/poll"] button')?.click(),
    );
    await code.waitFor({ state: 'detached' });
    // The code is gone once the next page is in, which may still be arriving: it is read once it has loaded.
    await page.waitForLoadState('load');
  };

  return {
    flowUrl: (flow) => `${stack.appUrl}/flows/${flow}`,
    async run(flow, { approve = true } = {}) {
      if (flow === 'username-password') {
        await page.getByLabel('Password', { exact: true }).fill(stack.config.emulator.password);
        await page
          .getByLabel('Security token', { exact: true })
          .fill(securityToken(stack.config.emulator.password, ADMIN_ID));
      }
      // The Run form's answer is a new page: marked on the old one, so that the device's code is looked for on the
      // new one (a click can return before its page comes, and the old page has no code to approve).
      await page.evaluate(() => Object.assign(window, { runClickedHere: true }));
      await page.getByRole('button', { name: RUN[flow] }).click();
      if (flow === 'web-server' || flow === 'user-agent') await signInAtEmulator(page, stack);
      if (flow === 'device' && approve) {
        await page.waitForFunction(() => !('runClickedHere' in window));
        await page.waitForLoadState('load');
        await approveDevice();
      }
      await page.waitForURL((url) => url.pathname === '/result' || url.pathname === `/flows/${flow}`);
    },
  };
}

export interface EveryFlowBrowser {
  stack: TestStack;
  /** null when Chromium is missing (the tests then skip, except in CI). */
  browser: Browser | null;
  page: Page;
  flows: FlowDriver;
}

/** Inside a describe: a stack with every flow enabled and one browser page, started before its tests, closed after. */
export function everyFlowBrowser(): EveryFlowBrowser {
  const ui = { browser: null } as EveryFlowBrowser;
  before(async () => {
    ui.stack = await startTestStack();
    await enableEveryFlow(ui.stack);
    ui.browser = await launchBrowser();
    if (ui.browser) {
      ui.page = await (await newContext(ui.browser)).newPage();
      ui.flows = flowDriver(ui.browser, ui.page, ui.stack);
    }
  });
  after(async () => {
    await releaseBrowser(ui.browser);
    await ui.stack?.close();
  });
  return ui;
}

/**
 * A browser context of its own on the device page with a code shown, its attempt armed with `fault` if given. The
 * page's timer waits `interval` (5 s): its clock is installed, for the test to move on instead of waiting.
 */
export async function deviceCodePage(
  ui: EveryFlowBrowser,
  fault?: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(ui.browser as Browser);
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(ui.flows.flowUrl('device'));
  if (fault) {
    await page.locator('form.break-it summary').click();
    await page.locator(`form.break-it input[value="${fault}"]`).check();
    await page.getByRole('button', { name: 'Arm for the next attempt' }).click();
    await page.locator('.armed').waitFor();
  }
  await page.getByRole('button', { name: RUN.device }).click();
  await page.locator('#user-code').waitFor();
  // Its script (deferred: it may run after the code shows) must have started before a test moves the page's clock:
  // run later, it takes the moved time as its last check's and sees nothing due (the CI flake "no Still waiting
  // after 0 polls", reproduced by delaying /js/device.js).
  await page.waitForLoadState('load');
  return { context, page };
}
