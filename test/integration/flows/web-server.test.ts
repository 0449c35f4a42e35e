// The web server flow end to end over HTTPS against the emulator: PKCE, state, sessions, errors, refresh, logout.
// Its callback's refusals (replay, forged state, denial): web-server-callback.test.ts.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../support/http.ts';
import { authorizeViaApp, postForm, resultWithToken, runWebServerFlow } from '../../support/flows.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('web server flow', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  test('sends state and an S256 challenge, exchanges the code with its verifier and the secret, and shows the result', async () => {
    const client = new TestClient();
    const start = await client.get(`${stack.appUrl}/flows/web-server/start`);
    const authorize = new URL(start.headers.get('location') ?? '');
    assert.equal(authorize.origin + authorize.pathname, `${stack.emulatorUrl}/services/oauth2/authorize`);
    assert.equal(authorize.searchParams.get('response_type'), 'code');
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.match(authorize.searchParams.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.match(authorize.searchParams.get('state') ?? '', /^[A-Za-z0-9_-]{22}$/);
    const { location } = await runWebServerFlow(stack, client);
    assert.equal(location, '/result');
    const exchange = stack.emulator?.received.filter((r) => r.path === '/token').at(-1);
    assert.equal(exchange?.params.grant_type, 'authorization_code');
    assert.match(exchange?.params.code_verifier ?? '', /^[A-Za-z0-9_-]{64}$/);
    assert.equal(exchange?.params.client_secret, stack.config.clientSecret);
    const result = await client.get(`${stack.appUrl}/result`);
    assert.equal(result.status, 200);
    assert.equal(result.headers.get('cache-control'), 'no-store');
    const html = await result.text();
    assert.match(html, /Ada Admin/);
    // Each part of who signed in is named: the demo user's email is its username, twice unlabelled otherwise.
    assert.match(
      html,
      /<dt>user<\/dt><dd>username <code>admin@playground\.local<\/code> · email <code>admin@playground\.local<\/code> · user id/,
    );
    assert.match(html, /10 records\./);
    assert.match(html, /<td>Acme Inc\.<\/td>/);
    assert.match(html, /Passed: state check/);
    assert.match(html, /Passed: PKCE check/);
    assert.match(html, /Passed: response signature check/);
    assert.match(html, /Passed: id_token check/);
    assert.match(html, /Passed: nonce check/);
    // The session timeout rules opaque tokens only: JWT-based access tokens get their lifetime from the app.
    assert.match(
      html,
      /JWT-based access tokens, “Issue JSON Web Token\s+\(JWT\)-based access tokens for named users”/,
    );
  });

  test('a sign-in in another tab leaves a login still at Salesforce pending: it completes afterwards', async () => {
    const client = new TestClient();
    await runWebServerFlow(stack, client); // signed in and approved, so the JWT flow can sign in too
    // Tab A: the flow page (which gives this browser its CSRF cookie), then on its way to Salesforce, which sends it
    // back at once (already logged in and approved there).
    await client.get(`${stack.appUrl}/flows/web-server`);
    const callbackUrl = await authorizeViaApp(stack, client, '/flows/web-server/start');
    // Tab B: a JWT sign-in, which starts a new session.
    const jwt = await postForm(stack, client, '/flows/jwt', '/flows/jwt');
    assert.equal(jwt.headers.get('location'), '/result');
    // Tab A comes back: its login was still waiting, and completes.
    const callback = await client.get(callbackUrl);
    assert.equal(callback.headers.get('location'), '/result');
  });

  test('regenerates the session at login and sets a secure, httpOnly, lax cookie', async () => {
    const client = new TestClient();
    const start = await client.get(`${stack.appUrl}/flows/web-server/start`);
    const before = /__Host-playground\.sid=([^;]+)/.exec(start.headers.get('set-cookie') ?? '')?.[1];
    assert.match(
      start.headers.get('set-cookie') ?? '',
      // __Host-: only this origin over HTTPS sets it, for every path, never a parent domain (nor a sibling) for it.
      /(^|, )__Host-playground\.sid=[^;]+; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax/,
    );
    // The cookie lasts a day, the session 2 hours unused: a visitor back later is told their session ended.
    const expires = Date.parse(/Expires=([^;]+)/.exec(start.headers.get('set-cookie') ?? '')?.[1] ?? '');
    assert.ok(
      Math.abs(expires - Date.now() - 24 * 3600 * 1000) < 60_000,
      `Expires ${new Date(expires).toISOString()}`,
    );
    const callbackUrl = await authorizeViaApp(stack, client, '/flows/web-server/start');
    const callback = await client.get(callbackUrl);
    const afterLogin = /__Host-playground\.sid=([^;]+)/.exec(callback.headers.get('set-cookie') ?? '')?.[1];
    assert.ok(before && afterLogin && before !== afterLogin, 'a new session id after login');
  });

  test("the pre-flight is told as this playground's own check, on the page and in its step", async () => {
    const client = new TestClient();
    assert.equal((await runWebServerFlow(stack, client)).location, '/result');
    assert.match(
      await (await client.get(`${stack.appUrl}/flows/web-server`)).text(),
      /the <em>pre-flight<\/em> in the steps below: a check of this\s+playground, not of OAuth/,
    );
    const result = await (await client.get(`${stack.appUrl}/result`)).text();
    const id = /data-entry="([^"]+)" data-leg="pre-flight"/.exec(result)?.[1];
    assert.ok(id, 'a pre-flight step on the result page');
    const leg = await (await client.get(`${stack.appUrl}/teaching/legs/${id}?part=body`)).text();
    assert.match(
      leg,
      /Sent by this app, not your browser, before the redirect: a\s+check of this playground/,
    );
  });

  test('shows and explains a query error without breaking the page, and logout revokes the token and ends the org login', async () => {
    const client = new TestClient();
    await runWebServerFlow(stack, client);
    await postForm(stack, client, '/result', '/result/query', { soql: 'SELECT Id FRM Account' });
    const page = await client.get(`${stack.appUrl}/result`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /MALFORMED_QUERY/);
    assert.match(html, /The SOQL does not parse/);
    // Its lines and columns kept, so the caret stands under the place the parser stopped.
    const shown = /<pre class="error-description"[^>]*><code>([^<]*)<\/code><\/pre>/.exec(html)?.[1] ?? '';
    const [query, caret] = shown.split('\n');
    assert.equal(query, 'SELECT Id FRM Account');
    assert.match(caret, /^ +\^$/);
    // The learner's query failed, not the sign-in: its diagram has no failed step beside "succeeded".
    assert.match(html, /The sign-in that gave this token succeeded\./);
    assert.doesNotMatch(html, /data-state="failed"/);
    assert.match(html, /data-state="done">[^]*?6\. Done:<\/strong>\s*This app → Salesforce instance/);
    const revokedBefore = stack.emulator?.received.filter((r) => r.path === '/revoke').length ?? 0;
    const logout = await postForm(stack, client, '/result', '/logout');
    assert.equal(
      logout.headers.get('location'),
      '/signed-out',
      'the logout never depends on the org sending it back',
    );
    assert.equal(stack.emulator?.received.filter((r) => r.path === '/revoke').length, revokedBefore + 1);
    assert.equal((await client.get(`${stack.appUrl}/result`)).status, 401);
  });

  test('a token revoked after the sign-in fails the calls made with it since, not the sign-in’s diagram', async () => {
    const client = new TestClient();
    await runWebServerFlow(stack, client);
    assert.equal((await client.get(`${stack.appUrl}/result`)).status, 200);
    for (const tool of ['revoke-access', 'identity']) {
      assert.equal((await postForm(stack, client, '/result', '/result/tools', { tool })).status, 303);
    }
    const html = await (await client.get(`${stack.appUrl}/result`)).text();
    assert.match(html, /INVALID_SESSION_ID|Bad_OAuth_Token|invalid_token/);
    assert.match(html, /The sign-in that gave this token succeeded\./);
    assert.doesNotMatch(html, /data-state="failed"/);
  });

  test('refreshes the access token with the refresh token, sending the secret', async () => {
    const client = new TestClient();
    await runWebServerFlow(stack, client);
    const reveal = async () => (await resultWithToken(stack, client)).token;
    const before = await reveal();
    const refreshed = await postForm(stack, client, '/result', '/flows/refresh-token');
    assert.equal(refreshed.headers.get('location'), '/result');
    const sent = stack.emulator?.received.filter((r) => r.path === '/token').at(-1)?.params;
    assert.equal(sent?.grant_type, 'refresh_token');
    assert.equal(sent?.client_secret, stack.config.clientSecret);
    const page = await (await client.get(`${stack.appUrl}/result`)).text();
    assert.match(page, /The refresh token\s+flow gave this session an access token/);
    assert.match(page, /data-leg="token \(refresh\)"/);
    assert.match(page, /<td>Acme Inc\.<\/td>/);
    assert.notEqual(await reveal(), before);
  });
});
