// Attacks on the callback from another browser: login CSRF, code injection and session fixation. None signs the
// attacker's victim in as anyone else; only code injection reaches the token endpoint, and PKCE refuses it there.
import assert from '../support/assert.ts';
import { after, afterEach, before, describe, test } from 'node:test';
import { assertStillServing, tokenCalls } from '../support/attacks.ts';
import { callbackReaders } from '../support/callback-attacks.ts';
import { TestClient } from '../support/http.ts';
import { authorizeViaApp, runWebServerFlow } from '../support/flows.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const ATTACKER = { username: 'standard@playground.local' };

describe('attacks on the callback', () => {
  let stack: TestStack;
  afterEach(() => assertStillServing(stack, new TestClient()));
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());
  const { page, signedIn, assertStateRefused } = callbackReaders(() => stack);

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
    const planted = attacker.cookie('localhost', '__Host-playground.sid');
    assert.ok(planted, 'the attacker got a session id');
    const victim = new TestClient();
    victim.setCookie('localhost', '__Host-playground.sid', planted);
    assert.equal((await runWebServerFlow(stack, victim)).location, '/result');
    assert.notEqual(
      victim.cookie('localhost', '__Host-playground.sid'),
      planted,
      'a new session id at login',
    );
    assert.equal(await signedIn(victim), true);
    const fixed = new TestClient();
    fixed.setCookie('localhost', '__Host-playground.sid', planted);
    // A replaced id is asked once more (the answer with the new id could be on its way), then holds no login.
    assert.equal((await fixed.get(`${stack.appUrl}/result`)).headers.get('location'), '/result?retried=1');
    assert.equal(
      (await fixed.get(`${stack.appUrl}/result?retried=1`)).status,
      401,
      'the planted id holds no login',
    );
  });

  test('session fixation: a login the planter left waiting does not survive the victim signing in', async () => {
    const attacker = new TestClient();
    await attacker.get(`${stack.appUrl}/flows/web-server`);
    // The attacker's own login, as the standard user, stopped just before its callback.
    const attackersCallback = await authorizeViaApp(stack, attacker, '/flows/web-server/start', {
      username: `standard@${stack.config.username.split('@')[1]}`,
    });
    const planted = attacker.cookie('localhost', '__Host-playground.sid');
    assert.ok(planted, 'the attacker got a session id');
    const victim = new TestClient();
    victim.setCookie('localhost', '__Host-playground.sid', planted);
    await victim.get(`${stack.appUrl}/flows/web-server`);
    assert.equal((await runWebServerFlow(stack, victim)).location, '/result');
    // The victim's browser is sent to the attacker's callback: nothing of the attacker's came along.
    const callback = await victim.get(attackersCallback);
    assert.equal(callback.headers.get('location'), '/flows/web-server#teaching-heading');
    const result = await (await victim.get(`${stack.appUrl}/result`)).text();
    assert.ok(result.includes(stack.config.username), 'still signed in as the victim');
    assert.ok(!result.includes('standard@'), 'not as the attacker');
  });
});
