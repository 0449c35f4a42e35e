// CSRF on every state-changing route of the app: a POST without the token, or with another browser's token,
// is a 403 that changes nothing. The route list is checked against server/routes/index.ts.
import assert from '../support/assert.ts';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, afterEach, before, describe, test } from 'node:test';
import { assertStillServing, csrfTokenOf } from '../support/attacks.ts';
import { TestClient } from '../support/http.ts';
import { runWebServerFlow } from '../support/flows.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

/** Each state-changing route with a body that would do something if the token were accepted. */
const ROUTES: Record<string, Record<string, string>> = {
  '/flows/jwt': {},
  '/flows/client-credentials': {},
  '/flows/refresh-token': {},
  '/flows/device': {},
  '/flows/device/poll': {},
  '/flows/web-server/handed-over/reveal': {},
  '/flows/username-password': { password: 'x', securityToken: 'y' },
  '/explain': { text: 'invalid_grant' },
  '/setup/check': {},
  '/oauthcallback/fragment': { access_token: '00Dforged', instance_url: 'https://localhost', id: 'x' },
  '/result/query': { soql: 'SELECT Id FROM User' },
  '/result/reveal': {},
  '/result/tools': { tool: 'revoke-access' },
  '/logout': {},
  '/signed-out/end-session': {},
  '/teaching/break-it': { flow: 'jwt', faults: 'wrong-aud' },
  '/teaching/reveal': { entryId: 'any' },
  '/teaching/fresh': { entryId: 'any' },
};

describe('CSRF tokens', () => {
  test('are keyed apart from SESSION_SECRET itself, which also signs the session cookie and the access link', async () => {
    const stack = await startTestStack();
    try {
      const client = new TestClient();
      client.setCookie('localhost', '__Host-playground.csrf', 'a-browser-key-of-the-test');
      const token = await csrfTokenOf(stack, client);
      const withTheSecretItself = createHmac('sha256', 'test-session-secret-of-32-characters')
        .update('a-browser-key-of-the-test:')
        .digest('base64url');
      assert.notEqual(token, withTheSecretItself);
      // And the token still works: it is this browser's.
      const run = await client.post(`${stack.appUrl}/explain`, { _csrf: token, text: 'invalid_grant' });
      assert.equal(run.status, 200);
    } finally {
      await stack.close();
    }
  });
});

describe('CSRF on every state-changing route', () => {
  let stack: TestStack;
  afterEach(() => assertStillServing(stack, new TestClient()));
  const victim = new TestClient();
  const attacker = new TestClient();
  let oauthCallsBefore = 0;
  before(async () => {
    stack = await startTestStack();
    await runWebServerFlow(stack, victim);
    oauthCallsBefore = stack.emulator?.received.length ?? 0;
  });
  after(() => stack.close());

  const assertRefused = async (response: Awaited<ReturnType<TestClient['get']>>) => {
    assert.equal(response.status, 403);
    const html = await response.text();
    assert.match(html, /<h1>Form expired<\/h1>/);
    assert.match(
      html,
      /This form was loaded before you signed in or out, here or in another tab, or it was sent twice and the first one signed you in\./,
    );
    // Reload would post the stale form again: the way back is a link to the page it came from.
    assert.match(html, /<a href="\/[a-z/-]*">Open the page afresh<\/a>/);
  };

  test('the routes listed here are every POST, PUT, PATCH and DELETE route of the app, each behind requireCsrf', () => {
    const table = readFileSync(new URL('../../server/routes/index.ts', import.meta.url), 'utf8');
    const routes = [...table.matchAll(/app\.(post|put|patch|delete)\('([^']+)',\s*(\w+)/g)];
    assert.deepEqual(routes.map((route) => route[2]).sort(), Object.keys(ROUTES).sort());
    for (const route of routes) assert.equal(route[3], 'requireCsrf', route[2]);
  });

  test('every GET page that carries a CSRF token (or sets its cookie) forbids caching, signed in or not', async () => {
    const table = readFileSync(new URL('../../server/routes/index.ts', import.meta.url), 'utf8');
    // The /start links only redirect to the org (after a call to it, which the last test here counts).
    const paths = [...table.matchAll(/app\.get\('([^':]+)'/g)]
      .map((route) => route[1])
      .filter((path) => !path.endsWith('/start'));
    let pagesWithToken = 0;
    for (const client of [victim, new TestClient()]) {
      for (const path of paths) {
        const response = await client.get(`${stack.appUrl}${path}`);
        const html = await response.text();
        const setsCookie = /__Host-playground\.csrf=/.test(response.headers.get('set-cookie') ?? '');
        if (!/name="_csrf"|name="csrf-token"/.test(html) && !setsCookie) continue;
        pagesWithToken++;
        assert.equal(response.headers.get('cache-control'), 'no-store', `GET ${path}`);
      }
    }
    assert.ok(pagesWithToken >= 10, `only ${pagesWithToken} pages carried a token`);
  });

  for (const [path, form] of Object.entries(ROUTES)) {
    test(`POST ${path} without a CSRF token is a 403`, async () => {
      await assertRefused(await victim.post(`${stack.appUrl}${path}`, form));
    });

    test(`POST ${path} with another browser's CSRF token is a 403`, async () => {
      const foreign = await csrfTokenOf(stack, attacker);
      await assertRefused(await victim.post(`${stack.appUrl}${path}`, { ...form, _csrf: foreign }));
      await assertRefused(
        await victim.post(`${stack.appUrl}${path}`, form, { 'x-csrf-token': foreign, accept: 'text/html' }),
      );
    });
  }

  test('a form carrying _csrf twice is refused as malformed, not as an expired form', async () => {
    const own = await csrfTokenOf(stack, victim, '/flows/jwt');
    const body = new URLSearchParams([
      ['_csrf', own],
      ['_csrf', own],
      ['flow', 'jwt'],
      ['faults', 'wrong-aud'],
    ]);
    const answer = await victim.request(`${stack.appUrl}/teaching/break-it`, {
      method: 'POST',
      body,
      headers: { accept: 'text/html' },
    });
    assert.equal(answer.status, 400);
    assert.match(await answer.text(), /The form carried its _csrf field more than once\./);
    const asObject = await victim.request(`${stack.appUrl}/teaching/break-it`, {
      method: 'POST',
      body: JSON.stringify({ _csrf: { token: own }, flow: 'jwt', faults: ['wrong-aud'] }),
      headers: { accept: 'text/html', 'content-type': 'application/json' },
    });
    assert.equal(asObject.status, 400);
    assert.match(await asObject.text(), /The form carried its _csrf field as something other than text\./);
  });

  test('none of the refused requests changed anything, and the own token still works', async () => {
    assert.equal(
      stack.emulator?.received.length,
      oauthCallsBefore,
      'no JWT run, refresh or revoke reached the emulator',
    );
    const result = await victim.get(`${stack.appUrl}/result`);
    assert.equal(result.status, 200, 'still signed in');
    const html = await result.text();
    assert.match(
      html,
      /<textarea id="soql" name="soql" rows="2" spellcheck="false" maxlength="4001">SELECT Id, Name FROM Account/,
    );
    assert.doesNotMatch(html, /Armed for the next attempt/);
    const own = await victim.post(`${stack.appUrl}/result/query`, {
      _csrf: await csrfTokenOf(stack, victim, '/result'),
      soql: 'SELECT Id FROM User',
    });
    assert.equal(own.status, 303);
  });

  test('a token minted before login stops working after it (it is bound to the session)', async () => {
    const client = new TestClient();
    const beforeLogin = await csrfTokenOf(stack, client);
    await runWebServerFlow(stack, client);
    await assertRefused(await client.post(`${stack.appUrl}/result/reveal`, { _csrf: beforeLogin }));
  });

  test('a form from before a sign-in in another tab is refused with the way back to its page', async () => {
    const browser = new TestClient();
    await runWebServerFlow(stack, browser);
    const before = await csrfTokenOf(stack, browser, '/flows/client-credentials');
    await runWebServerFlow(stack, browser); // another tab signs in again: a new session
    const stale = await browser.post(`${stack.appUrl}/flows/client-credentials`, { _csrf: before });
    assert.equal(stale.status, 403);
    const html = await stale.text();
    assert.match(html, /<a href="\/flows\/client-credentials">Open the page afresh<\/a>/);
    const breakIt = await browser.post(`${stack.appUrl}/teaching/break-it`, { _csrf: before, flow: 'jwt' });
    assert.match(await breakIt.text(), /<a href="\/flows\/jwt">Open the page afresh<\/a>/);
    const json = await browser.post(
      `${stack.appUrl}/result/reveal`,
      {},
      { 'x-csrf-token': before, accept: 'application/json' },
    );
    assert.equal(json.status, 403);
    assert.match(((await json.json()) as { detail: string }).detail, /before you signed in or out/);
  });
});
