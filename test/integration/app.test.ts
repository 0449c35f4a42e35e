// The app shell over real HTTPS: security headers, 404 and error pages for browsers and API callers.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { containsPrivateKey } from '../../server/pem.ts';

describe('app shell', () => {
  let stack: TestStack;
  const client = new TestClient();
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  test('sends a CSP that allows no inline script, no Referer, and no HSTS on localhost', async () => {
    const response = await client.get(`${stack.appUrl}/`);
    assert.equal(response.status, 200);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline'?[^;]*script|script-src[^;]*unsafe-inline/);
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(response.headers.get('strict-transport-security'), null);
    assert.equal(response.headers.get('x-powered-by'), null);
    assert.doesNotMatch(
      response.headers.get('set-cookie') ?? '',
      /__Host-playground\.sid/,
      'a visit creates no session',
    );
    assert.doesNotMatch(await response.text(), /<script>(?!<\/script>)/, 'no inline script in the page');
  });

  test('answers an unknown page with an HTML 404 for browsers', async () => {
    const response = await client.get(`${stack.appUrl}/no/such/page`, { accept: 'text/html' });
    assert.equal(response.status, 404);
    const html = await response.text();
    assert.match(html, /<h1>Page not found<\/h1>/);
    assert.match(html, /Nothing lives at \/no\/such\/page\./);
    assert.doesNotMatch(html, /This app's callback is/);
  });

  test("a near miss of the callback's path names the real one", async () => {
    for (const path of ['/oauthcallback', '/oauth_callback.htm', '/OAuthCallback/']) {
      const response = await client.get(`${stack.appUrl}${path}`, { accept: 'text/html' });
      assert.equal(response.status, 404, path);
      assert.match(
        await response.text(),
        /This app&#39;s callback is \/oauthcallback\.html, the path to register/,
      );
    }
  });

  test('answers an unknown path with JSON for API callers', async () => {
    const response = await client.get(`${stack.appUrl}/api/nothing`, { accept: 'application/json' });
    assert.equal(response.status, 404);
    assert.deepEqual(await response.json(), {
      error: 'Page not found',
      detail: 'Nothing lives at /api/nothing.',
      status: 404,
    });
  });

  test('turns a malformed body into a 400 without a stack trace', async () => {
    const response = await client.request(`${stack.appUrl}/`, {
      method: 'POST',
      body: '{"broken":',
      headers: { 'content-type': 'application/json', accept: 'text/html' },
    });
    assert.equal(response.status, 400);
    const html = await response.text();
    assert.match(
      html,
      /The request body could not be read: check that it is the form or JSON it claims to be/,
    );
    assert.doesNotMatch(html, /SyntaxError|at .*\.js:\d+|node_modules/);
  });

  test("every style sheet the app's and the emulator's pages link is served as CSS", async () => {
    for (const page of [`${stack.appUrl}/`, `${stack.emulatorUrl}/`]) {
      const html = await (await client.get(page)).text();
      const sheets = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]);
      assert.ok(sheets.length >= 2, `${page} links its style sheets`);
      for (const sheet of sheets) {
        const answer = await client.get(new URL(sheet, page).href);
        assert.equal(answer.status, 200, sheet);
        assert.match(answer.headers.get('content-type') ?? '', /^text\/css/, sheet);
        await answer.arrayBuffer();
      }
    }
  });

  test('serves the stylesheet but never the private keys', async () => {
    const stylesheet = await client.get(`${stack.appUrl}/css/app.css`);
    assert.equal(stylesheet.status, 200);
    // Unversioned names: checked on every use (a 304 when unchanged), never an hour-old copy after an update.
    assert.equal(stylesheet.headers.get('cache-control'), 'no-cache');
    const etag = stylesheet.headers.get('etag') ?? '';
    assert.equal((await client.get(`${stack.appUrl}/css/app.css`, { 'if-none-match': etag })).status, 304);
    const emulatorCss = await client.get(`${stack.emulatorUrl}/emulator-assets/emulator.css`);
    assert.equal(
      emulatorCss.headers.get('cache-control'),
      'no-cache',
      "the emulator's pages' stylesheet too",
    );
    for (const file of ['/certs/jwt.key', '/certs/server.key', '/../certs/jwt.key']) {
      const response = await client.get(`${stack.appUrl}${file}`);
      assert.equal(response.status, 404, file);
      assert.equal(containsPrivateKey(await response.text()), false);
    }
  });
});
