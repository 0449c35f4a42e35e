// Attacks on the emulator's login and approval pages: prototype keys, session fixation, caching. (Password
// guessing and the lockout: emulator-lockout.test.ts.)
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { followLogin, loginPageSteps } from '../support/emulator-login.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
const sessionId = (response: { headers: Headers | { get(name: string): string | null } }) =>
  /__Host-sfemu\.sid=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];

describe('emulator login and approval under attack', () => {
  let stack: TestStack;
  let clock = Date.now();
  before(async () => {
    // Now, not when the file was loaded: a group loads every file first, and real clients check real time.
    clock = Date.now();
    stack = await startTestStack({}, { now: () => clock });
  });
  after(() => stack.close());
  const { atLogin, logIn } = loginPageSteps(() => stack);
  const stillAnswers = async () => {
    assert.equal((await new TestClient().get(`${stack.emulatorUrl}/services/data/`)).status, 200);
  };

  for (const key of PROTOTYPE_KEYS) {
    test(`request=${key} at the login form gets a 400 page, not a crash`, async () => {
      const { client } = await atLogin();
      const answer = await logIn(client, key, stack.config.username, stack.config.emulator.password);
      assert.equal(answer.status, 400);
      assert.match(answer.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(await answer.text(), /This login request has expired/);
      await stillAnswers();
    });

    test(`request=${key} at the approval form gets a 400 page, not a crash`, async () => {
      const { client, request } = await atLogin();
      const approval = await followLogin(
        client,
        stack.emulatorUrl,
        await logIn(client, request, stack.config.username, stack.config.emulator.password),
      );
      assert.match(await approval.text(), /name="decision"/);
      // The approval page's own address refuses the name as its form does.
      const page = await client.get(`${stack.emulatorUrl}/services/oauth2/authorize/approve?request=${key}`);
      assert.equal(page.status, 400);
      const answer = await client.post(`${stack.emulatorUrl}/services/oauth2/authorize/approve`, {
        request: key,
        decision: 'allow',
      });
      assert.equal(answer.status, 400);
      assert.match(await answer.text(), /This login request has expired/);
      await stillAnswers();
    });
  }

  test('a repeated, missing or foreign request id is refused without reading the session', async () => {
    const { client, request } = await atLogin();
    const login = `${stack.emulatorUrl}/services/oauth2/authorize/login`;
    const repeated = await client.request(login, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `request=${request}&request=${request}&username=x&password=y`,
    });
    assert.equal(repeated.status, 400);
    assert.equal((await client.post(login, { username: 'x', password: 'y' })).status, 400);
    // Someone else's valid request id does not work in this browser's session.
    const stranger = await logIn(
      new TestClient(),
      request,
      stack.config.username,
      stack.config.emulator.password,
    );
    assert.equal(stranger.status, 400);
    await stillAnswers();
  });

  test("a browser sending another's request cookie name with a value of its own cannot push that request out", async () => {
    // The cookie's name (its handle) is not the secret, its value is: a browser that learned the name and sends it
    // among ten login pages of its own must not have the emulator count the other's request as one of its ten.
    const { client: victim, request, response } = await atLogin();
    const name = /(__Host-sfemu\.req-[0-9a-f]{16})=/.exec(response.headers.get('set-cookie') ?? '')?.[1];
    assert.ok(name);
    const attacker = new TestClient();
    attacker.setCookie(new URL(stack.emulatorUrl).hostname, name, 'f'.repeat(32));
    for (let i = 0; i < 10; i++) {
      // Each later than the last, so the victim's is the oldest the attacker's cookies name.
      clock += 1000;
      await atLogin(attacker);
    }
    const login = await logIn(victim, request, stack.config.username, stack.config.emulator.password);
    assert.equal(login.status, 303, await login.text());
  });

  test('a session id planted before login is replaced at login, and the planted one stays logged out', async () => {
    // A session of the attacker's own (signed in as the attacker: login pages start no session, their request is
    // held apart, pendingLogins.ts), planted in the victim's browser before the victim opens a login page.
    const own = await atLogin(new TestClient());
    const planted = sessionId(
      await logIn(own.client, own.request, 'standard@playground.local', stack.config.emulator.password),
    );
    assert.ok(planted);
    const victim = new TestClient();
    victim.setCookie(new URL(stack.emulatorUrl).hostname, '__Host-sfemu.sid', planted);
    const { client, request } = await atLogin(victim);
    const login = await logIn(client, request, stack.config.username, stack.config.emulator.password);
    const fresh = sessionId(login);
    assert.ok(fresh);
    assert.notEqual(fresh, planted);
    // Its own cookie, apart from the app's session: secure, not readable by scripts, not sent cross-site on POST.
    assert.match(
      login.headers.get('set-cookie') ?? '',
      /^__Host-sfemu\.sid=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    // The attacker who planted the old id is not logged in with it: the emulator asks for a password.
    const attacker = await atLogin(new TestClient());
    const withPlanted = await attacker.client.get(
      `${stack.emulatorUrl}/services/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: stack.config.clientId, redirect_uri: stack.config.callbackUrl })}`,
      { cookie: `__Host-sfemu.sid=${planted}` },
    );
    assert.match(await withPlanted.text(), /name="password"/);
  });
  test('login, approval and setup pages are never cached', async () => {
    const { client, request, response } = await atLogin();
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const login = await logIn(client, request, stack.config.username, stack.config.emulator.password);
    assert.equal(login.headers.get('cache-control'), 'no-store');
    const approval = await followLogin(client, stack.emulatorUrl, login);
    assert.match(await approval.text(), /name="decision"/);
    assert.equal(approval.headers.get('cache-control'), 'no-store');
    const setup = await new TestClient().get(`${stack.emulatorUrl}/setup`);
    assert.equal(setup.headers.get('cache-control'), 'no-store');
  });

  test('the login page names the demo administrator and shows the password only when it is the default', async () => {
    const { html } = await atLogin();
    assert.match(html, /Demo System Administrator: <code>admin@playground\.local<\/code>/);
    const home = await (await new TestClient().get(`${stack.emulatorUrl}/`)).text();
    assert.match(home, /the same password: <code>playground-password<\/code> \(the\s+default\)/);
    assert.match(html, /password\s+<code>playground-password<\/code>/);
    const custom = await startTestStack({ EMULATOR_PASSWORD: 'my-own-secret-password' });
    try {
      const page = await (await new TestClient().get(`${custom.emulatorUrl}/setup`)).text();
      assert.match(page, /Demo System Administrator: <code>admin@playground\.local<\/code>/);
      assert.doesNotMatch(page, /my-own-secret-password/);
      assert.match(page, /the one set in <code>EMULATOR_PASSWORD<\/code>/);
      // Its home page too: the default is shown there, a password of one's own never.
      const home = await (await new TestClient().get(`${custom.emulatorUrl}/`)).text();
      assert.doesNotMatch(home, /my-own-secret-password/);
      assert.match(home, /the one set in <code>EMULATOR_PASSWORD<\/code> \(never shown\)/);
    } finally {
      await custom.close();
    }
  });
});
