// The playground and the emulator each reached only through a tunnel of its own port, as browser-based Codespaces
// gives them (https://<name>-8081… and -8443.app.github.dev): with SF_CALLBACK_URL and EMULATOR_PUBLIC_URL naming the
// tunnels, Chromium signs in with both redirect flows and never opens either server's own address. About 6 s alone.
import assert from '../support/assert.ts';
import { after, before, describe } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext, NO_BROWSER_MESSAGE, releaseBrowser } from '../support/browser.ts';
import { testWithScreenshot } from '../support/pages.ts';
import { startReverseProxy, type ProxyOptions, type ReverseProxy } from '../support/reverse-proxy.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

let shotPage: Page | undefined;
const testShot = testWithScreenshot(() => shotPage);

interface Tunnelled {
  stack: TestStack;
  app: ReverseProxy;
  emulator: ReverseProxy;
  /** Every origin the browser asked for. */
  origins: Set<string>;
  page: Page;
}

describe('the playground and the emulator each behind a tunnel (EMULATOR_PUBLIC_URL), in Chromium', () => {
  let browser: Browser | null;
  const running: Tunnelled[] = [];
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await releaseBrowser(browser);
    await Promise.all(running.flatMap((set) => [set.stack.close(), set.app.close(), set.emulator.close()]));
  });

  /** Both tunnels start first (the configuration names them), then are aimed at the servers. */
  const open = async (app: ProxyOptions, emulator: ProxyOptions): Promise<Tunnelled> => {
    const [appProxy, emulatorProxy] = await Promise.all([
      startReverseProxy(app),
      startReverseProxy(emulator),
    ]);
    const stack = await startTestStack({
      SF_CALLBACK_URL: `${appProxy.url}/oauthcallback.html`,
      EMULATOR_PUBLIC_URL: emulatorProxy.url,
    });
    appProxy.target = stack.appUrl;
    emulatorProxy.target = stack.emulatorUrl;
    const context = await newContext(browser as Browser);
    const origins = new Set<string>();
    context.on('request', (request) => origins.add(new URL(request.url()).origin));
    shotPage = await context.newPage();
    const set = { stack, app: appProxy, emulator: emulatorProxy, origins, page: shotPage };
    running.push(set);
    return set;
  };

  /** One login through both tunnels: the emulator's pages open on its tunnel, the result on the app's. */
  const signIn = async ({ stack, app, emulator, page }: Tunnelled, flow: string, name: string) => {
    await page.goto(`${app.url}/flows/${flow}`);
    await page.getByRole('button', { name: `Run the ${name} flow` }).click();
    await page.waitForURL((url) => url.origin === emulator.url || url.origin === app.url);
    if (await page.locator('#password').count()) {
      assert.equal(new URL(page.url()).origin, emulator.url, 'the login page opens on the tunnel');
      await page.getByLabel('Username').fill(stack.config.username);
      await page.getByLabel('Password').fill(stack.config.emulator.password);
      await page.getByRole('button', { name: 'Log In' }).click();
      await page.waitForLoadState();
    }
    const allow = page.getByRole('button', { name: 'Allow' });
    if (new URL(page.url()).origin === emulator.url && (await allow.count())) await allow.click();
    await page.waitForURL(`${app.url}/result`);
    await page.getByRole('heading', { name: 'Signed in' }).waitFor();
  };

  /** Neither server's own address was ever opened: the browser of a Codespace cannot reach them. */
  const onlyTunnels = ({ stack, app, emulator, origins }: Tunnelled) => {
    const own = [stack.appUrl, stack.emulatorUrl, stack.instanceUrl].map((url) => new URL(url).origin);
    assert.deepEqual(
      [...origins].filter((origin) => own.includes(origin)),
      [],
      'no request to a server’s own address',
    );
    assert.deepEqual([...origins].sort(), [app.url, emulator.url].sort());
  };

  testShot(
    'tunnels that set Host to the servers’ own (Codespaces): both redirect flows sign in, and logout ends the login at the emulator',
    async (t) => {
      if (!browser) return t.skip(NO_BROWSER_MESSAGE);
      const tunnel = { forwardedHeaders: true, rewriteHost: true };
      const set = await open({ host: '127.0.0.2', ...tunnel }, { host: '127.0.0.3', ...tunnel });
      const { page, app, emulator } = set;
      await signIn(set, 'web-server', 'web server');
      await signIn(set, 'user-agent', 'user-agent');
      // The home page's links to the emulator lead through its tunnel.
      await page.goto(`${app.url}/`);
      const setupLinks = await page.locator(`a[href^="${emulator.url}/setup"]`).count();
      assert.ok(setupLinks > 0, 'the emulator’s Setup is linked on its tunnel');
      await page.goto(`${app.url}/result`);
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.waitForURL(`${app.url}/signed-out`);
      const named = await page.locator('code', { hasText: emulator.url }).count();
      assert.ok(named > 0, 'the login left at the emulator is named by its tunnel');
      await page.getByRole('button', { name: 'End my login at Salesforce too' }).click();
      await page.waitForURL(`${app.url}/signed-out`);
      await page.getByRole('heading', { name: 'Signed out' }).waitFor();
      // Signed out at the emulator too: the next login asks for the password again, on the tunnel.
      await page.goto(`${app.url}/flows/web-server`);
      await page.getByRole('button', { name: 'Run the web server flow' }).click();
      await page.getByLabel('Password').waitFor();
      assert.equal(new URL(page.url()).origin, emulator.url);
      onlyTunnels(set);
    },
  );

  testShot(
    'tunnels that pass the browser’s Host on, the emulator’s on 127.0.0.1 at another port: still its login host',
    async (t) => {
      if (!browser) return t.skip(NO_BROWSER_MESSAGE);
      const set = await open({ host: '127.0.0.2' }, { host: '127.0.0.1' });
      await signIn(set, 'user-agent', 'user-agent');
      await signIn(set, 'web-server', 'web server');
      onlyTunnels(set);
    },
  );
});
