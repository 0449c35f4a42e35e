// A user-agent login that comes back while Redis is down: the 503 takes the token out of the address bar and
// history at once, and "Try again" (or a reload) once Redis answers again still finishes the sign-in.
// (npm test balances its browser groups on this file taking about 4 s alone.)
import assert from '../support/assert.ts';
import { after, before, describe } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext, NO_BROWSER_MESSAGE, releaseBrowser } from '../support/browser.ts';
import { signInAtEmulator, testWithScreenshot } from '../support/pages.ts';
import { NO_REDIS_MESSAGE, startRedis, type RedisServer } from '../support/redis.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let shotPage: Page | undefined;
const test = testWithScreenshot(() => shotPage);

describe('a user-agent login answered while Redis is down', () => {
  let redis: RedisServer | null;
  let stack: TestStack | undefined;
  let browser: Browser | null = null;
  before(async () => {
    redis = await startRedis();
    if (!redis) return;
    stack = await startTestStack({ REDIS_URL: redis.url });
    browser = await launchBrowser();
  });
  after(async () => {
    await releaseBrowser(browser);
    await stack?.close();
    await redis?.stop();
  });

  test('the 503 leaves no token in the address bar, and Try again after Redis returns signs in', async (t) => {
    if (!redis || !stack) return t.skip(NO_REDIS_MESSAGE);
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    const app = stack;
    const page = (shotPage = await (await newContext(browser)).newPage());
    await page.goto(`${app.appUrl}/flows/user-agent`);
    await page.getByRole('button', { name: 'Run the user-agent flow' }).click();
    await page.waitForURL((url) => url.href.startsWith(app.emulatorUrl));
    const port = Number(new URL(redis.url).port);
    await redis.stop();

    await signInAtEmulator(page, app);
    await page.getByRole('heading', { name: 'Session store unavailable' }).waitFor();
    // Its scripts (deferred) have run by then.
    await page.waitForLoadState('domcontentloaded');
    // Not compared whole: a failure would print the token.
    assert.ok(!page.url().includes('#'), 'no #access_token in the address bar');

    redis = await startRedis(port);
    // The app reconnects on its own, within 2 s: until then "Try again" (this address) is the same 503.
    for (let tries = 0; tries < 40 && new URL(page.url()).pathname !== '/result'; tries++) {
      await page.getByRole('link', { name: 'Try again' }).click();
      await page.waitForURL((url) => url.pathname === '/result', { timeout: 500 }).catch(() => undefined);
    }
    await page.getByRole('heading', { name: 'Signed in' }).waitFor();
    assert.match(await page.getByText(/flow gave this session an access token/).innerText(), /user-agent/);
  });
});
