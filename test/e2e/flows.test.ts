// Each flow in real headless Chromium, from the home page to a result page with a masked token and query rows.
// (npm test balances its browser groups on this file taking about 7 s alone.)
import assert from '../support/assert.ts';
import { after, before, describe } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext, NO_BROWSER_MESSAGE, releaseBrowser } from '../support/browser.ts';
import { EmulatorFaults } from '../support/faults.ts';
import { signInAtEmulator, testWithScreenshot } from '../support/pages.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

/** The page a failing test's screenshot is taken of. */
let shotPage: Page | undefined;
const testShot = testWithScreenshot(() => shotPage);

describe('the three flows in Chromium', () => {
  let stack: TestStack;
  let browser: Browser | null;
  let page: Page;
  const scriptErrors: string[] = [];

  before(async () => {
    stack = await startTestStack();
    browser = await launchBrowser();
    if (browser) {
      shotPage = page = await (await newContext(browser)).newPage();
      page.on('pageerror', (error) => scriptErrors.push(error.message));
    }
  });
  after(async () => {
    await releaseBrowser(browser);
    await stack.close();
  });

  const expectResult = async (flowName: string) => {
    await page.waitForURL(`${stack.appUrl}/result`);
    await assert.doesNotReject(page.getByRole('heading', { name: 'Signed in' }).waitFor());
    const token = await page.locator('#access-token').innerText();
    assert.match(token, /^00D5j0…•+ \(\d+ characters\)$/);
    assert.equal(await page.locator('table tbody tr').first().locator('td').nth(1).innerText(), 'Acme Inc.');
    assert.match(
      await page.getByText(/flow gave this session an access token/).innerText(),
      new RegExp(flowName),
    );
    assert.ok(!page.url().includes('#') && !page.url().includes('token'), 'no token in the address bar');
  };

  testShot('web server flow with PKCE', async (t) => {
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    await page.goto(`${stack.appUrl}/`);
    await page.getByRole('link', { name: 'Web server + PKCE' }).first().click();
    await page.getByRole('button', { name: 'Run the web server flow' }).click();
    await page.getByLabel('Username').fill(stack.config.username);
    await page.getByLabel('Password').fill(stack.config.emulator.password);
    await page.getByRole('button', { name: 'Log In' }).click();
    // In forced colours (Windows high contrast) "Not you?", a button that acts as a link, is drawn as a link.
    await page.emulateMedia({ forcedColors: 'active' });
    const colour = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((element) => getComputedStyle(element).color);
    assert.equal(await colour('button.emu-link'), await colour('a[href]'));
    await page.emulateMedia({ forcedColors: 'none' });
    await signInAtEmulator(page, stack);
    await expectResult('web server');
  });

  testShot('JWT bearer flow (the user approved the app in the web server flow)', async (t) => {
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    await page.goto(`${stack.appUrl}/`);
    await page.getByRole('link', { name: 'JWT bearer' }).first().click();
    await page.getByRole('button', { name: 'Run the JWT bearer flow' }).click();
    await expectResult('JWT bearer');
  });

  testShot('a double click on Run while signed in sends the form once and lands on the result', async (t) => {
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    const posts: string[] = [];
    const count = (request: { method(): string; url(): string }) => {
      if (request.method() === 'POST') posts.push(request.url());
    };
    page.on('request', count);
    // The token request waits at the emulator, so the page is still there for a second, impatient click.
    const faults = new EmulatorFaults(stack.emulatorServer!);
    const token = faults.hold('/services/oauth2/token');
    try {
      await page.goto(`${stack.appUrl}/flows/jwt`);
      // The mouse itself: a locator's click would wait for the first submission's page before clicking again.
      const box = await page.getByRole('button', { name: 'Run the JWT bearer flow' }).boundingBox();
      assert.ok(box);
      const click = () => page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await click();
      await token.arrived;
      await click();
      token.release();
      await expectResult('JWT bearer');
      assert.deepEqual(posts, [`${stack.appUrl}/flows/jwt`], 'one POST: the second click is not sent');
    } finally {
      token.release();
      await faults.restore();
      page.off('request', count);
    }
  });

  testShot('a double click on the web server flow’s Run (a GET form) starts one login', async (t) => {
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    const starts: string[] = [];
    // The start is held in the browser for a moment, so the second click comes while the first is on its way.
    await page.route('**/flows/web-server/start*', async (route) => {
      starts.push(route.request().url());
      await new Promise((resolve) => setTimeout(resolve, 300));
      await route.continue().catch(() => undefined);
    });
    try {
      await page.goto(`${stack.appUrl}/flows/web-server`);
      const box = await page.getByRole('button', { name: 'Run the web server flow' }).boundingBox();
      assert.ok(box);
      const click = () => page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await click();
      await click();
      await expectResult('web server');
      assert.equal(starts.length, 1, 'one start: the second click is not sent');
    } finally {
      await page.unroute('**/flows/web-server/start*');
    }
  });

  testShot('user-agent flow: the fragment is read, cleared and posted by the callback script', async (t) => {
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    const visited: string[] = [];
    page.on('framenavigated', (frame) => visited.push(frame.url()));
    await page.goto(`${stack.appUrl}/`);
    await page.getByRole('link', { name: 'User-agent' }).first().click();
    await page.getByRole('button', { name: 'Run the user-agent flow' }).click();
    await signInAtEmulator(page, stack);
    await expectResult('user-agent');
    const history = await page.evaluate(() => window.history.length);
    assert.ok(history > 1);
    assert.ok(
      visited.some((url) => url.includes('/oauthcallback.html')),
      'went through the callback page',
    );
  });

  testShot('reveal shows the token on request and hides it again', async (t) => {
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    const masked = await page.locator('#access-token').innerText();
    await page.getByRole('button', { name: 'Reveal the access token' }).click();
    await page.getByRole('button', { name: 'Hide the access token' }).waitFor();
    const revealed = await page.locator('#access-token').innerText();
    assert.match(revealed, /^00D5j00000PlAyG!AR/);
    await page.getByRole('button', { name: 'Hide the access token' }).click();
    assert.equal(await page.locator('#access-token').innerText(), masked);
    assert.deepEqual(scriptErrors, []);
  });
});
