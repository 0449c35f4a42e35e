// The playground reached through a proxy or tunnel at another origin (Codespaces, ngrok, nginx, an SSH forward),
// as remote set-ups do, with SF_CALLBACK_URL on the proxy: each login comes back to it, signed in, in Chromium.
import assert from '../support/assert.ts';
import { after, before, describe } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext, NO_BROWSER_MESSAGE, releaseBrowser } from '../support/browser.ts';
import { signInAtEmulator, testWithScreenshot } from '../support/pages.ts';
import { startReverseProxy, type ProxyOptions, type ReverseProxy } from '../support/reverse-proxy.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let shotPage: Page | undefined;
const testShot = testWithScreenshot(() => shotPage);

/** A stack whose callback is on a proxy started first (the callback must name it), and the proxy aimed at it. */
async function behindProxy(options: ProxyOptions): Promise<{ stack: TestStack; proxy: ReverseProxy }> {
  const proxy = await startReverseProxy(options);
  const stack = await startTestStack({ SF_CALLBACK_URL: `${proxy.url}/oauthcallback.html` });
  proxy.target = stack.appUrl;
  return { stack, proxy };
}

describe('the playground behind a proxy, in Chromium', () => {
  let browser: Browser | null;
  const running: { stack: TestStack; proxy: ReverseProxy }[] = [];
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await releaseBrowser(browser);
    await Promise.all(running.flatMap(({ stack, proxy }) => [stack.close(), proxy.close()]));
  });

  const open = async (options: ProxyOptions) => {
    const set = await behindProxy(options);
    running.push(set);
    shotPage = await (await newContext(browser as Browser)).newPage();
    return { ...set, page: shotPage };
  };

  const run = async (page: Page, stack: TestStack, base: string, flow: string, name: string) => {
    await page.goto(`${base}/flows/${flow}`);
    assert.equal(page.url(), `${base}/flows/${flow}`, 'the page stays on the address the browser uses');
    assert.equal(
      await page.getByText('Open this page at').isVisible(),
      false,
      'no warning about another host name: this is the callback’s',
    );
    await page.getByRole('button', { name: `Run the ${name} flow` }).click();
    await signInAtEmulator(page, stack);
    await page.waitForURL(`${base}/result`);
    await page.getByRole('heading', { name: 'Signed in' }).waitFor();
  };

  testShot(
    'a tunnel that sets Host to the app’s own (Codespaces): both redirect flows sign in, no false alarm',
    async (t) => {
      if (!browser) return t.skip(NO_BROWSER_MESSAGE);
      const { stack, proxy, page } = await open({
        host: '127.0.0.2',
        forwardedHeaders: true,
        rewriteHost: true,
      });
      await run(page, stack, proxy.url, 'web-server', 'web server');
      await run(page, stack, proxy.url, 'user-agent', 'user-agent');
      // Opened on the app's own address instead, the page says where to open it.
      await page.goto(`${stack.appUrl}/flows/web-server`);
      const notice = page.getByText('Open this page at');
      await notice.waitFor();
      assert.equal(await notice.getByRole('link').getAttribute('href'), `${proxy.url}/flows/web-server`);
    },
  );

  testShot(
    'a proxy on another port that sets Host to 127.0.0.1 (nginx’s default): the login stays on the proxy',
    async (t) => {
      if (!browser) return t.skip(NO_BROWSER_MESSAGE);
      const { stack, proxy, page } = await open({
        host: '127.0.0.1',
        name: 'localhost',
        rewriteHost: '127.0.0.1',
      });
      await run(page, stack, proxy.url, 'web-server', 'web server');
      await run(page, stack, proxy.url, 'user-agent', 'user-agent');
    },
  );

  testShot(
    'an SSH forward on another port, the app opened on its own port: each login ends at the forward',
    async (t) => {
      if (!browser) return t.skip(NO_BROWSER_MESSAGE);
      const { stack, proxy, page } = await open({ host: '127.0.0.1', name: 'localhost' });
      // Signed in at the emulator after the first, the next logins send no form there: the app's own Run form leads
      // through the emulator straight to the callback on the forward's port, as does ending the login at the org.
      for (const [flow, name] of [
        ['web-server', 'web server'],
        ['web-server', 'web server'],
        ['user-agent', 'user-agent'],
      ]) {
        await page.goto(`${stack.appUrl}/flows/${flow}`);
        await page.getByRole('button', { name: `Run the ${name} flow` }).click();
        await signInAtEmulator(page, stack);
        await page.waitForURL(`${proxy.url}/result`);
        await page.getByRole('heading', { name: 'Signed in' }).waitFor();
      }
      await page.goto(`${stack.appUrl}/result`);
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.waitForURL(`${stack.appUrl}/signed-out`);
      await page.getByRole('button', { name: 'End my login at Salesforce too' }).click();
      await page.waitForURL(`${proxy.url}/signed-out`);
      await page.getByRole('heading', { name: 'Signed out' }).waitFor();
    },
  );
});
