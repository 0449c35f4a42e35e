// Attacks on the one callback: a missing, wrong or replayed state, login CSRF, code injection, session
// fixation and unsolicited errors. None signs anyone in; only code injection reaches the token endpoint.
import assert from '../support/assert.ts';
import { after, afterEach, before, describe, test } from 'node:test';
import { assertStillServing, tokenCalls } from '../support/attacks.ts';
import { TestClient } from '../support/http.ts';
import { authorizeViaApp, runUserAgentFlow, runWebServerFlow } from '../support/flows.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const ATTACKER = { username: 'standard@playground.local' };
const PLANTED_TEXT = 'Your account is locked: call +1 555 0100 now';

describe('attacks on the callback', () => {
  let stack: TestStack;
  afterEach(() => assertStillServing(stack, new TestClient()));
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  const page = async (client: TestClient, flow = 'web-server') =>
    (await client.get(`${stack.appUrl}/flows/${flow}`)).text();
  const signedIn = async (client: TestClient) => (await client.get(`${stack.appUrl}/result`)).status === 200;
  /** Opens a callback URL and asserts it was refused as state_mismatch without any code exchange. */
  const assertStateRefused = async (client: TestClient, callbackUrl: string) => {
    const exchanges = tokenCalls(stack).length;
    const callback = await client.get(callbackUrl);
    assert.equal(callback.status, 303);
    assert.equal(callback.headers.get('location'), '/flows/web-server#teaching-heading');
    assert.equal(tokenCalls(stack).length, exchanges, 'no code was exchanged');
    const html = await page(client);
    assert.ok(html.includes('<code>state_mismatch</code>'));
    assert.ok(html.includes('<h3>The callback did not come from a login this browser started</h3>'));
    assert.equal(await signedIn(client), false);
  };
  const errorBox = (html: string) => /<div class="error-box"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';

  test('a callback with two codes, two errors or an empty code is refused without any exchange', async () => {
    for (const tamper of [
      (url: URL) => url.searchParams.append('code', 'second-code'),
      (url: URL) => url.searchParams.set('code', ''),
      (url: URL) => {
        url.searchParams.delete('code');
        url.searchParams.append('error', 'access_denied');
        url.searchParams.append('error', 'access_denied');
      },
    ]) {
      const client = new TestClient();
      const callback = new URL(await authorizeViaApp(stack, client, '/flows/web-server/start'));
      tamper(callback);
      const exchanges = tokenCalls(stack).length;
      assert.equal((await client.get(callback.href)).status, 303);
      assert.equal(tokenCalls(stack).length, exchanges, `no exchange for ${callback.search}`);
      const html = await page(client);
      assert.ok(html.includes('<code>callback_without_code</code>'), callback.search);
      assert.ok(html.includes('<h3>The callback carried no code to exchange</h3>'));
      assert.equal(await signedIn(client), false);
    }
  });

  test('a callback without state is refused before any code exchange', async () => {
    const client = new TestClient();
    const callback = new URL(await authorizeViaApp(stack, client, '/flows/web-server/start'));
    callback.searchParams.delete('state');
    await assertStateRefused(client, callback.href);
  });

  test('a callback with a wrong state is refused before any code exchange', async () => {
    const client = new TestClient();
    const callback = new URL(await authorizeViaApp(stack, client, '/flows/web-server/start'));
    callback.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    await assertStateRefused(client, callback.href);
  });

  test('a replayed callback URL is refused: its state was used up at the first visit', async () => {
    const client = new TestClient();
    const { callbackUrl, location } = await runWebServerFlow(stack, client);
    assert.equal(location, '/result');
    await assertStateRefused(new TestClient(), callbackUrl);
    const exchanges = tokenCalls(stack).length;
    assert.equal(
      (await client.get(callbackUrl)).headers.get('location'),
      '/flows/web-server#teaching-heading',
    );
    assert.equal(tokenCalls(stack).length, exchanges);
    assert.ok((await page(client)).includes('<code>callback_replayed</code>'), 'the same browser: a replay');
  });

  test("login CSRF: the attacker's own code and state, opened in the victim's browser, sign nobody in", async () => {
    const attacker = new TestClient();
    const attackersCallback = await authorizeViaApp(stack, attacker, '/flows/web-server/start', ATTACKER);
    const victim = new TestClient();
    await victim.get(`${stack.appUrl}/flows/web-server/start`); // the victim has a login of their own pending
    await assertStateRefused(victim, attackersCallback);
    assert.equal((await victim.get(`${stack.appUrl}/result`)).status, 401, 'nobody is signed in');
  });

  test("code injection: a code from session A with session B's valid state is refused by PKCE at the emulator", async () => {
    const attacker = new TestClient();
    const stolen = new URL(await authorizeViaApp(stack, attacker, '/flows/web-server/start', ATTACKER));
    const code = stolen.searchParams.get('code') ?? '';
    const victim = new TestClient();
    const start = await victim.get(`${stack.appUrl}/flows/web-server/start`);
    const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
    const callback = await victim.get(`${stack.config.callbackUrl}?${new URLSearchParams({ code, state })}`);
    assert.equal(callback.headers.get('location'), '/flows/web-server#teaching-heading');
    const exchange = tokenCalls(stack).at(-1);
    assert.equal(exchange?.params.code, code);
    assert.match(exchange?.params.code_verifier ?? '', /^[A-Za-z0-9_-]{64}$/);
    const html = await page(victim);
    assert.match(html, /Passed: state check/);
    assert.ok(html.includes('<code>invalid_grant</code>: <code>invalid code verifier</code> (HTTP 400)'));
    assert.equal(await signedIn(victim), false);
  });

  test('session fixation: a session id planted before login is worthless after it', async () => {
    const attacker = new TestClient();
    await attacker.get(`${stack.appUrl}/flows/web-server/start`);
    const planted = attacker.cookie('localhost', 'playground.sid');
    assert.ok(planted, 'the attacker got a session id');
    const victim = new TestClient();
    victim.setCookie('localhost', 'playground.sid', planted);
    assert.equal((await runWebServerFlow(stack, victim)).location, '/result');
    assert.notEqual(victim.cookie('localhost', 'playground.sid'), planted, 'a new session id at login');
    assert.equal(await signedIn(victim), true);
    const fixed = new TestClient();
    fixed.setCookie('localhost', 'playground.sid', planted);
    assert.equal((await fixed.get(`${stack.appUrl}/result`)).status, 401, 'the planted id holds no login');
  });

  test('session fixation: a login the planter left waiting does not survive the victim signing in', async () => {
    const attacker = new TestClient();
    await attacker.get(`${stack.appUrl}/flows/web-server`);
    // The attacker's own login, as the standard user, stopped just before its callback.
    const attackersCallback = await authorizeViaApp(stack, attacker, '/flows/web-server/start', {
      username: `standard@${stack.config.username.split('@')[1]}`,
    });
    const planted = attacker.cookie('localhost', 'playground.sid');
    assert.ok(planted, 'the attacker got a session id');
    const victim = new TestClient();
    victim.setCookie('localhost', 'playground.sid', planted);
    await victim.get(`${stack.appUrl}/flows/web-server`);
    assert.equal((await runWebServerFlow(stack, victim)).location, '/result');
    // The victim's browser is sent to the attacker's callback: nothing of the attacker's came along.
    const callback = await victim.get(attackersCallback);
    assert.equal(callback.headers.get('location'), '/flows/web-server#teaching-heading');
    const result = await (await victim.get(`${stack.appUrl}/result`)).text();
    assert.ok(result.includes(stack.config.username), 'still signed in as the victim');
    assert.ok(!result.includes('standard@'), 'not as the attacker');
  });

  for (const [name, state] of [
    ['without a state', undefined],
    ['with a wrong state', 'forged-state'],
  ] as const) {
    test(`an unsolicited ?error=access_denied ${name} is named as such, its text not shown as Salesforce's`, async () => {
      const client = new TestClient();
      await client.get(`${stack.appUrl}/flows/web-server/start`);
      const query = new URLSearchParams({ error: 'access_denied', error_description: PLANTED_TEXT });
      if (state) query.set('state', state);
      const exchanges = tokenCalls(stack).length;
      const callback = await client.get(`${stack.config.callbackUrl}?${query}`);
      assert.equal(callback.headers.get('location'), '/flows/web-server#teaching-heading');
      assert.equal(tokenCalls(stack).length, exchanges);
      const box = errorBox(await page(client));
      assert.ok(box.includes('<h3>An error arrived that this browser did not ask for</h3>'), box);
      assert.ok(box.includes('<code>unsolicited_error</code>'));
      assert.ok(
        !box.includes('access_denied') && !box.includes(PLANTED_TEXT),
        'the planted text is not presented',
      );
      assert.doesNotMatch(box, /The user clicked Deny/);
    });
  }

  test("an unsolicited #error posted without its state is named as such, its text not shown as Salesforce's", async () => {
    const client = new TestClient();
    const fragment = new URLSearchParams({
      error: 'access_denied',
      error_description: PLANTED_TEXT,
    }).toString();
    assert.equal(
      await runUserAgentFlow(stack, client, {}, () => fragment),
      '/flows/user-agent#teaching-heading',
    );
    const box = errorBox(await page(client, 'user-agent'));
    assert.ok(box.includes('<code>unsolicited_error</code>'), box);
    assert.ok(!box.includes(PLANTED_TEXT));
  });
});
