// Org mode serves only its owner: without the access link's cookie, every page that acts or reveals answers
// 403 with the way in; the home page and the setup guide stay open; only the right link sets the cookie.
import assert from '../support/assert.ts';
import { after, afterEach, before, describe, test } from 'node:test';
import { assertStillServing } from '../support/attacks.ts';
import { TestClient } from '../support/http.ts';
import { rawRequest } from '../support/raw.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { ACCESS_COOKIE } from '../../server/access.ts';

/** Pages that act on the org or reveal what it gave; none of these requests leaves this machine. */
const GUARDED: [string, string][] = [
  ['GET', '/flows/jwt'],
  ['GET', '/flows/web-server'],
  ['GET', '/flows/user-agent'],
  ['GET', '/flows/web-server/start'],
  ['GET', '/flows/user-agent/start'],
  ['GET', '/oauthcallback.html?code=aPrx&state=abc'],
  ['GET', '/result'],
  ['POST', '/flows/jwt'],
  ['POST', '/oauthcallback/fragment'],
  ['POST', '/result/query'],
  ['POST', '/result/refresh'],
  ['POST', '/result/reveal'],
  ['POST', '/logout'],
  ['POST', '/signed-out/end-session'],
  ['POST', '/teaching/break-it'],
  ['POST', '/teaching/reveal'],
];

describe('org mode access link', () => {
  let stack: TestStack;
  afterEach(() => assertStillServing(stack, new TestClient()));
  let accessUrl: URL;
  before(async () => {
    stack = await startTestStack({
      SF_LOGIN_URL: 'https://login.salesforce.com',
      SF_CLIENT_ID: 'x',
      SF_USERNAME: 'y',
    });
    assert.equal(stack.emulatorServer, undefined, 'an app-only stack');
    accessUrl = new URL(stack.accessUrl ?? '');
  });
  after(() => stack.close());

  const assertAccessNeeded = async (response: Awaited<ReturnType<TestClient['get']>>) => {
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('set-cookie'), null);
    const html = await response.text();
    assert.match(html, /<h1>Open the access link first<\/h1>/);
    assert.match(html, /talking to a <strong>real org<\/strong>/);
    // Where the link leads, and for how long its cookie lets this browser in.
    assert.match(html, /sets a cookie and opens the home page/);
    assert.match(html, /The cookie\s+lasts until the browser closes/);
    // The address this very playground answers on, not a fixed example port.
    assert.ok(
      html.includes(`printed a line like\n<code>open ${new URL(stack.appUrl).origin}/?access=…</code>`),
      html,
    );
    return html;
  };

  for (const [method, path] of GUARDED) {
    test(`${method} ${path} without the access cookie is a 403 explaining the access link`, async () => {
      const client = new TestClient();
      const url = `${stack.appUrl}${path}`;
      await assertAccessNeeded(method === 'GET' ? await client.get(url) : await client.post(url, { x: '1' }));
    });
  }

  test('the home page, the setup guide and the certificate stay open', async () => {
    const client = new TestClient();
    for (const path of ['/', '/setup', '/setup/jwt.crt']) {
      assert.equal((await client.get(`${stack.appUrl}${path}`)).status, 200, path);
    }
    assert.match(
      await (await client.get(`${stack.appUrl}/`)).text(),
      /open the access link that <code>npm start<\/code>/,
    );
  });

  test('a wrong ?access= sets nothing and opens nothing', async () => {
    const client = new TestClient();
    for (const wrong of ['wrong', `${accessUrl.searchParams.get('access')}x`, '']) {
      // Even on the open home page, an old or wrong link is named as such: it is not the current one.
      const home = await assertAccessNeeded(
        await client.get(`${stack.appUrl}/?access=${encodeURIComponent(wrong)}`),
      );
      assert.match(home, /The link you opened is not this playground's current one/);
      // The test stack sets SESSION_SECRET: its link never changes at a start, so that is not given as the cause.
      assert.match(
        home,
        /so it was made with another <code>SESSION_SECRET<\/code>,\s+or it was cut or mistyped/,
      );
      assert.doesNotMatch(home, /changes at every start/);
      await assertAccessNeeded(
        await client.get(`${stack.appUrl}/flows/jwt?access=${encodeURIComponent(wrong)}`),
      );
    }
    assert.equal(client.cookie('localhost', ACCESS_COOKIE), undefined);
  });

  test('the setup guide and the username-password page speak of the org, with no emulator hints or dead links', async () => {
    const client = new TestClient();
    await client.get(accessUrl.href);
    for (const path of ['/setup', '/flows/username-password']) {
      const html = await (await client.get(`${stack.appUrl}${path}`)).text();
      assert.doesNotMatch(html, /local emulator/, path);
      assert.doesNotMatch(html, /href="#"/, path);
    }
  });

  test('the right link sets the cookie, redirects without the token in the URL, and opens the flow pages', async () => {
    const client = new TestClient();
    const token = accessUrl.searchParams.get('access') ?? '';
    const open = await client.get(accessUrl.href);
    assert.equal(open.status, 303);
    assert.equal(open.headers.get('location'), '/');
    assert.equal(
      open.headers.get('set-cookie'),
      `${ACCESS_COOKIE}=${token}; Path=/; HttpOnly; Secure; SameSite=Lax`,
    );
    const deep = await new TestClient().get(`${stack.appUrl}/flows/jwt?access=${token}&tab=claims`);
    assert.equal(deep.headers.get('location'), '/flows/jwt?tab=claims');
    for (const path of ['/flows/jwt', '/flows/web-server', '/flows/user-agent']) {
      assert.equal((await client.get(`${stack.appUrl}${path}`)).status, 200, path);
    }
    assert.equal(
      (await client.get(`${stack.appUrl}/result`)).status,
      401,
      'past the guard: simply not signed in',
    );
  });

  test('the access link, however its path is written, redirects only within this origin', async () => {
    const token = accessUrl.searchParams.get('access') ?? '';
    for (const path of [
      '//evil.example/x',
      '/\\evil.example/x',
      '///evil.example/x',
      '/%2F%2Fevil.example/x',
      // Dot segments, which the URL parser resolves to a path that starts with two slashes.
      '/.//evil.example/x',
      '/..//evil.example/x',
      '/%2e//evil.example/x',
      '/a/..//evil.example/x',
      '/./\\evil.example/x',
    ]) {
      const answer = await rawRequest(stack.appUrl, `${path}?access=${token}`);
      assert.equal(answer.status, 303, path);
      const location = String(answer.headers.location);
      assert.match(location, /^\/(?![/\\])/, `${path} -> ${location}`);
      assert.ok(!location.includes(token));
    }
  });
});
