// Oversized, over-numerous and nested input, and path traversal on the emulator's static files.
import assert from '../support/assert.ts';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { containsPrivateKey } from '../../server/pem.ts';
import { hiddenValue } from '../support/emulator-login.ts';
import { setupSession } from '../support/emulator-setup.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack, TEST_ROOT, type TestStack } from '../support/stack.ts';

/**
 * A GET with the path sent exactly as written (fetch and URL would normalise `..` and `%2e%2e` away), and a form body
 * when given, which fetch refuses to send with a GET.
 */
function rawGet(base: string, rawPath: string, form?: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  // Node frames no body of a GET by itself: without a length the server would read it as a second request.
  const headers = form
    ? {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(Buffer.byteLength(form)),
      }
    : {};
  return new Promise((resolve, reject) => {
    const request = https.request(
      {
        hostname,
        port,
        path: rawPath,
        headers,
        ca: readFileSync(path.join(TEST_ROOT, 'certs', 'server.crt')),
      },
      (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('error', reject);
    request.end(form);
  });
}

describe('emulator limits and static files under attack', () => {
  let stack: TestStack;
  const client = new TestClient();
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  const post = (pathname: string, body: string, headers: Record<string, string> = {}) =>
    client.request(`${stack.emulatorUrl}${pathname}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });

  test('a form body over 64 KB is a 400: JSON for API clients, a page for browsers', async () => {
    const big = `grant_type=authorization_code&code=${'x'.repeat(70_000)}`;
    const api = await post('/services/oauth2/token', big);
    assert.equal(api.status, 400);
    assert.deepEqual(await api.json(), { error: 'invalid_request', error_description: 'malformed request' });
    const browser = await post('/setup', big, { accept: 'text/html' });
    assert.equal(browser.status, 400);
    assert.match(browser.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await browser.text(), /<h1>Bad request<\/h1>[\s\S]*malformed request/);
    // A client that accepts anything gets what a browser gets on a page, and what an API client gets on the API.
    const anyPage = await post('/setup/connect', `user_code=${'A'.repeat(90_000)}`, { accept: '*/*' });
    assert.equal(anyPage.status, 400);
    assert.match(anyPage.headers.get('content-type') ?? '', /^text\/html/);
    const anyApi = await post('/services/oauth2/token', big, { accept: '*/*' });
    assert.match(anyApi.headers.get('content-type') ?? '', /^application\/json/);
  });

  test('more than 100 form fields, or a broken encoding, is a 400 without a stack trace', async () => {
    for (const body of [`${'a=1&'.repeat(150)}grant_type=x`, 'grant_type=%E0%A4%A&code=%%%']) {
      const answer = await post('/services/oauth2/token', body);
      assert.equal(answer.status, 400);
      assert.doesNotMatch(await answer.text(), /Error|at .*\.ts/);
    }
  });

  test('nested JSON 10,000 levels deep is not parsed at all: the token endpoint sees no grant', async () => {
    const answer = await post('/services/oauth2/token', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`, {
      'content-type': 'application/json',
    });
    assert.deepEqual(await answer.json(), {
      error: 'unsupported_grant_type',
      error_description: 'grant type not supported',
    });
  });

  test('bracketed and oversized parameters are plain, ignored strings', async () => {
    const admin = await setupSession(stack);
    const csrf = hiddenValue(admin.page, 'csrf');
    const before = JSON.stringify(stack.emulator?.context.state.settings);
    const nested = await admin.client.request(`${stack.emulatorUrl}/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `csrf=${csrf}&stamp=${hiddenValue(admin.page, 'stamp')}&settings[policy]=admin-approved&callbackUrls[0]=https%3A%2F%2Fevil.example&requireSecret[]=on`,
    });
    assert.equal(nested.status, 400);
    assert.equal(JSON.stringify(stack.emulator?.context.state.settings), before);
    const hugeState = await client.get(
      `${stack.emulatorUrl}/services/oauth2/authorize?response_type=code&client_id=${stack.config.clientId}&redirect_uri=${encodeURIComponent(stack.config.callbackUrl)}&state=${'s'.repeat(17_000)}`,
    );
    assert.equal(hugeState.status, 414, "an address past Salesforce's 16,384 bytes is refused as too long");
    assert.equal((await client.get(`${stack.emulatorUrl}/`)).status, 200);
  });

  test('a flood of large pending logins is bounded in bytes: the oldest gives way long before 2,000 are held', async () => {
    const authorize = `${stack.emulatorUrl}/services/oauth2/authorize`;
    const query = {
      response_type: 'code',
      client_id: stack.config.clientId,
      redirect_uri: stack.config.callbackUrl,
    };
    const first = new TestClient();
    const page = await (await first.get(`${authorize}?${new URLSearchParams(query)}`)).text();
    const request = hiddenValue(page, 'request');
    // About 12 KB each, as much as a URL can carry: 800 of them are 10 MB, over the 8 MB pending logins may hold.
    const large = 'x'.repeat(3_000);
    const flood = new URLSearchParams({
      ...query,
      state: large,
      nonce: large,
      code_challenge: large,
      login_hint: large,
    });
    for (let i = 0; i < 800; i++) {
      const answer = await new TestClient().get(`${authorize}?${flood}`);
      assert.equal(answer.status, 200);
      await answer.arrayBuffer();
    }
    const login = await first.post(`${authorize}/login`, {
      request,
      username: stack.config.username,
      password: stack.config.emulator.password,
    });
    assert.equal(login.status, 400, 'the first pending login was still held after 10 MB of others');
    assert.match(await login.text(), /This login request has expired/);
  });

  test('the authorize page reads its query only: a body sent with the GET changes nothing', async () => {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: stack.config.clientId,
      redirect_uri: stack.config.callbackUrl,
    });
    const answer = await rawGet(
      stack.emulatorUrl,
      `/services/oauth2/authorize?${query}`,
      'client_id=someone-else',
    );
    assert.equal(answer.status, 200);
    assert.match(answer.body, /name="password"/, 'the login page of this app, not an unknown client');
  });

  test('no path reaches outside /emulator-assets, however it is encoded', async () => {
    for (const rawPath of [
      '/emulator-assets/../../certs/jwt.key',
      '/emulator-assets/%2e%2e/%2e%2e/certs/jwt.key',
      '/emulator-assets/..%2f..%2fcerts%2fjwt.key',
      '/emulator-assets/%252e%252e/%252e%252e/certs/jwt.key',
      '/emulator-assets/..%5c..%5ccerts%5cjwt.key',
      '/emulator-assets/....//....//certs/jwt.key',
      '/emulator-assets/emulator.css%00/../../../package.json',
      '/emulator-assets//etc/passwd',
      `/emulator-assets/${encodeURIComponent(path.join(TEST_ROOT, 'certs', 'jwt.key'))}`,
    ]) {
      const { status, body } = await rawGet(stack.emulatorUrl, rawPath);
      assert.ok([400, 403, 404].includes(status), `${rawPath}: ${status}`);
      assert.ok(!containsPrivateKey(body), `${rawPath}: no key material`);
      assert.doesNotMatch(body, /"dependencies"|root:/, rawPath);
    }
    assert.equal((await rawGet(stack.emulatorUrl, '/emulator-assets/emulator.css')).status, 200);
  });
});
