// Who logs in and how: the redirect flows' login_hint, scopes and prompt reach Salesforce, and the rest of the
// attempt follows them (no id_token is expected when openid was not asked for).
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { ADMIN_ID, changeSettings } from '../../support/emulator-api.ts';
import { followLogin, hiddenValue } from '../../support/emulator-login.ts';
import { authorizeViaApp, postForm, runWebServerFlow } from '../../support/flows.ts';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

/** The result page's first paragraph: who the token is for and, when the REST API refuses it, why. */
const leadOf = (html: string) => {
  const start = html.indexOf('<p class="lead">');
  return html.slice(start, html.indexOf('</p>', start));
};

describe('login choices of the redirect flows', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  test('login_hint, scope and prompt reach the authorize request, and the login page proposes the user', async () => {
    const client = new TestClient();
    const query = new URLSearchParams([
      ['login_hint', 'standard@playground.local'],
      ['scope', 'api'],
      ['scope', 'refresh_token'],
      ['scope', 'not-offered'],
      ['prompt', 'login consent'],
    ]);
    const start = await client.get(`${stack.appUrl}/flows/web-server/start?${query}`);
    const authorize = new URL(start.headers.get('location') ?? '');
    assert.equal(authorize.searchParams.get('login_hint'), 'standard@playground.local');
    assert.equal(authorize.searchParams.get('scope'), 'api refresh_token', 'an unknown scope is dropped');
    assert.equal(authorize.searchParams.get('prompt'), 'login consent');
    const login = await (await client.get(authorize.href)).text();
    assert.match(login, /id="username"[^>]*value="standard@playground\.local"/);
    const approval = await client.post(`${stack.emulatorUrl}/services/oauth2/authorize/login`, {
      request: hiddenValue(login, 'request'),
      username: 'standard@playground.local',
      password: stack.config.emulator.password,
    });
    const approvalPage = await (await followLogin(client, stack.emulatorUrl, approval)).text();
    const allowed = await client.post(`${stack.emulatorUrl}/services/oauth2/authorize/approve`, {
      request: hiddenValue(approvalPage, 'request'),
      decision: 'allow',
    });
    const callback = await client.get(allowed.headers.get('location') ?? '');
    assert.equal(callback.headers.get('location'), '/result', 'no openid asked: no id_token required');
    const result = await (await client.get(`${stack.appUrl}/result`)).text();
    assert.match(result, /standard@playground\.local/);
    // Its refresh is held to what the login was granted, not to SF_SCOPES: no id_token is owed there either.
    const refreshed = await postForm(stack, client, '/result', '/flows/refresh-token');
    assert.equal(refreshed.headers.get('location'), '/result');
  });

  test('choices a start link made (the JWT page\'s "Approve once as") stay chosen, and the closed section says which', async () => {
    const client = new TestClient();
    const page = async () => (await client.get(`${stack.appUrl}/flows/web-server`)).text();
    const summary = (html: string) => /<summary>([^]*?)<\/summary>/.exec(html)?.[1] ?? '';
    assert.equal(summary(await page()), 'Who logs in, and how (login_hint, scope, prompt)');
    const query = new URLSearchParams({ login_hint: stack.config.username, prompt: 'login' });
    assert.equal((await client.get(`${stack.appUrl}/flows/web-server/start?${query}`)).status, 302);
    assert.equal(
      summary(await page()),
      'Who logs in, and how (login_hint, scope, prompt): kept from the last run, <code>login_hint=admin@playground.local</code> <code>prompt=login</code>',
    );
  });

  test('a login without the api scope is signed in with a token the REST API will not take, said first', async () => {
    const client = new TestClient();
    const callbackUrl = await authorizeViaApp(
      stack,
      client,
      '/flows/web-server/start?scope=id&scope=refresh_token',
    );
    assert.equal((await client.get(callbackUrl)).headers.get('location'), '/result');
    const result = await (await client.get(`${stack.appUrl}/result`)).text();
    assert.match(result, /<h1>Signed in<\/h1>/, 'the token works: identity answered');
    assert.doesNotMatch(result, /Token refused|no longer works/, 'neither revoked nor timed out');
    const lead = leadOf(result);
    assert.match(lead, /but one the REST API will not take/);
    assert.match(
      lead,
      /Sign in again<\/a> with\s+<code>api<\/code> ticked among the scopes under "Who logs in"/,
    );
  });

  test('a flow that asks for no scopes, lacking api, is told to add api to the app, not to ask for it', async () => {
    const scopes = stack.emulator?.context.state.settings.scopes ?? [];
    const narrower = scopes.filter((scope) => scope !== 'api' && scope !== 'full');
    await changeSettings(stack, { scopes: narrower, runAsUserId: ADMIN_ID });
    try {
      const client = new TestClient();
      const run = await postForm(stack, client, '/flows/client-credentials', '/flows/client-credentials');
      assert.equal(run.headers.get('location'), '/result');
      const result = await (await client.get(`${stack.appUrl}/result`)).text();
      const lead = leadOf(result);
      assert.match(lead, /but one the REST API will not take/);
      assert.match(
        lead,
        /The client credentials flow's request carries no scope parameter, so what its\s+token may do is set on the app/,
      );
      assert.match(lead, /add <code>api<\/code> to the app's Selected OAuth Scopes/);
      assert.match(lead, /href="https:\/\/[^"]+\/setup">the emulator's Setup page/);
      assert.doesNotMatch(lead, /asking for|ticked/);
    } finally {
      await changeSettings(stack, { scopes, runAsUserId: '' });
    }
  });

  test('prompt=consent shows the approval page again to a user who already allowed the app', async () => {
    const client = new TestClient();
    await runWebServerFlow(stack, client);
    const start = await client.get(`${stack.appUrl}/flows/web-server/start?prompt=consent`);
    const page = await (await client.get(start.headers.get('location') ?? '')).text();
    assert.match(page, /name="decision"/);
  });

  test('a scope the app does not allow is caught by the pre-flight (invalid_scope), explained', async () => {
    const client = new TestClient();
    const start = await client.get(`${stack.appUrl}/flows/web-server/start?scope=api&scope=full`);
    assert.equal(start.headers.get('location'), '/flows/web-server#teaching-heading');
    const page = await (await client.get(`${stack.appUrl}/flows/web-server`)).text();
    assert.match(page, /<code>invalid_scope<\/code>/);
    assert.match(page, /A requested scope is not allowed for this app/);
    assert.match(page, /href="\/flows\/web-server\/start\?anyway=1&amp;scope=api&amp;scope=full"/);
  });

  test('a redirect flow page opened on another host name than the callback says where to open it first', async () => {
    // A tunnel's callback: this machine's other name is sent on to the callback's at once (same-host.test.ts), but
    // a tunnel is a host of its own that the app cannot send a browser to, so the page says it.
    const tunnel = await startTestStack({ SF_CALLBACK_URL: 'https://tunnel.example.dev/oauthcallback.html' });
    try {
      const page = await (await new TestClient().get(`${tunnel.appUrl}/flows/web-server`)).text();
      assert.match(page, /Open this page at <a href="https:\/\/tunnel\.example\.dev\/flows\/web-server">/);
      assert.match(page, /would end in state_mismatch/);
      // Part of the page as it opens, as the other notices are (role=status), not an alert that interrupts it.
      assert.match(
        page,
        /<p class="notice" role="status" data-callback-origin="https:\/\/tunnel\.example\.dev"[ a-z]*>/,
      );
    } finally {
      await tunnel.close();
    }
    const here = await (await new TestClient().get(`${stack.appUrl}/flows/user-agent`)).text();
    assert.doesNotMatch(here, /Open this page at/);
  });
});
