// A single-page app on another origin calls the emulator's REST API from real Chromium with a bearer token: the
// browser blocks the call while the origin is not in Setup → CORS's allowlist, and hands the page the answer after.
// (npm test balances its browser groups on this file taking about 3 s alone.)
import assert from '../support/assert.ts';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext, NO_BROWSER_MESSAGE, releaseBrowser } from '../support/browser.ts';
import { changeSettings } from '../support/emulator-api.ts';
import { loginAndGetToken } from '../support/emulator-login.ts';
import { startTestStack, testCertsFolder, type TestStack } from '../support/stack.ts';

/** What the page's fetch() gave it: the answer, or the browser's error when it kept the answer from the page. */
type Outcome = { status: number; body: { totalSize?: number } } | { error: string };

function callRest(page: Page, url: string, token: string): Promise<Outcome> {
  return page.evaluate(
    async ({ url, token }) => {
      try {
        const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
        return { status: response.status, body: (await response.json()) as { totalSize?: number } };
      } catch (error) {
        return { error: String(error) };
      }
    },
    { url, token },
  );
}

describe('CORS in Chromium: a page of another origin calling the REST API', () => {
  let stack: TestStack;
  let browser: Browser | null;
  let spa: Server;
  let spaOrigin: string;

  before(async () => {
    stack = await startTestStack({}, { emulatorOnly: true });
    const certs = await testCertsFolder();
    // The app's page: its own origin on loopback, served with the test root's certificate.
    spa = createServer(
      {
        key: readFileSync(path.join(certs, 'server.key')),
        cert: readFileSync(path.join(certs, 'server.crt')),
      },
      (_req, res) =>
        res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>SPA</title>'),
    );
    await new Promise<void>((resolve) => spa.listen(0, '127.0.0.1', resolve));
    spaOrigin = `https://localhost:${(spa.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await releaseBrowser(browser);
    await new Promise((resolve) => spa?.close(resolve));
    await stack?.close();
  });

  test('is blocked by the browser until its origin is allowlisted, then gets the answer', async (t) => {
    if (!browser) return t.skip(NO_BROWSER_MESSAGE);
    const token = (await loginAndGetToken(stack, { scope: 'api' })).access_token;
    const url = `${stack.instanceUrl}/services/data/v66.0/query?q=${encodeURIComponent('SELECT Id FROM Account')}`;
    const context = await newContext(browser);
    const page = await context.newPage();
    const console: string[] = [];
    page.on('console', (message) => console.push(message.text()));
    await page.goto(`${spaOrigin}/`);
    const blocked = await callRest(page, url, token);
    assert.ok('error' in blocked, `the page read an answer: ${JSON.stringify(blocked)}`);
    assert.match(blocked.error, /TypeError: Failed to fetch/);
    assert.ok(
      console.some((text) => text.includes(`from origin '${spaOrigin}' has been blocked by CORS policy`)),
      console.join('\n'),
    );
    await changeSettings(stack, { corsAllowedOrigins: spaOrigin });
    const answered = await callRest(page, url, token);
    assert.ok('status' in answered, `still blocked: ${JSON.stringify(answered)}`);
    assert.equal(answered.status, 200);
    assert.equal(typeof answered.body.totalSize, 'number');
    await context.close();
  });
});
