// Attacks on the emulator's pages whose state is held per page with a cookie of its own (pendingLogins.ts): a device
// code's verification and approval, and Setup's login. Another browser, another kind of request, a form sent again.
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { deviceFlowStack } from '../support/device-emulator.ts';
import { followLogin, hiddenValue, loginPageSteps } from '../support/emulator-login.ts';
import { TestClient } from '../support/http.ts';

const SID = /__Host-sfemu\.sid=([^;]+)/;

describe('held login and approval pages under attack', () => {
  const device = deviceFlowStack();
  const url = (path: string) => `${device.stack.emulatorUrl}${path}`;
  const credentials = () => ({
    username: device.stack.config.username,
    password: device.stack.config.emulator.password,
  });

  /** A browser that typed a fresh code: the login page's request id, the code's own device code. */
  const codeTyped = async (browser = new TestClient()) => {
    const { body } = await device.start();
    const page = await (
      await browser.post(url('/setup/connect'), { user_code: body.user_code as string })
    ).text();
    return { browser, request: hiddenValue(page, 'request'), deviceCode: body.device_code as string };
  };
  /** A browser at Setup's login page, with the form's token (the held login's id). */
  const atSetupLogin = async (browser = new TestClient()) => {
    const page = await (await browser.get(url('/setup'))).text();
    return { browser, csrf: hiddenValue(page, 'csrf') };
  };

  test("another browser cannot log in to, approve or read back a browser's device code by its id", async () => {
    const { browser, request } = await codeTyped();
    const loggedIn = await browser.post(url('/setup/connect/login'), { request, ...credentials() });
    assert.equal(loggedIn.status, 303);
    // The other browser is logged in too: only the held code's cookie is missing.
    const other = await codeTyped();
    await other.browser.post(url('/setup/connect/login'), { request: other.request, ...credentials() });
    assert.equal(
      (await other.browser.post(url('/setup/connect/login'), { request, ...credentials() })).status,
      400,
    );
    assert.equal((await other.browser.get(url(`/setup/connect/approve?request=${request}`))).status, 400);
    const approve = { request, decision: 'allow' };
    assert.equal((await other.browser.post(url('/setup/connect/approve'), approve)).status, 400);
    assert.equal((await browser.post(url('/setup/connect/approve'), approve)).status, 200);
    assert.equal((await other.browser.get(url(`/setup/connect/approve?request=${request}`))).status, 400);
  });

  test('a Deny sent again as Allow (or after Back) keeps the Deny, and the code is spent for every form', async () => {
    const { browser, request, deviceCode } = await codeTyped();
    await followLogin(
      browser,
      url('/'),
      await browser.post(url('/setup/connect/login'), { request, ...credentials() }),
    );
    const denied = await browser.post(url('/setup/connect/approve'), { request, decision: 'deny' });
    assert.match(await denied.text(), /<title>Access denied/);
    const again = await browser.post(url('/setup/connect/approve'), { request, decision: 'allow' });
    assert.match(await again.text(), /<title>Access denied/);
    assert.match(
      await (await browser.get(url(`/setup/connect/approve?request=${request}`))).text(),
      /Access denied/,
    );
    assert.equal(
      (await browser.post(url('/setup/connect/login'), { request, ...credentials() })).status,
      400,
    );
    assert.equal((await browser.post(url('/setup/connect/switch'), { request })).status, 400);
    device.clock += 6_000;
    assert.equal((await device.poll(deviceCode)).body.error, 'access_denied');
  });

  test("one kind's request id is no other kind's, even with its cookie renamed to the other's prefix", async () => {
    const browser = new TestClient();
    const host = new URL(url('/')).hostname;
    const typed = await browser.post(url('/setup/connect'), {
      user_code: (await device.start()).body.user_code as string,
    });
    const request = hiddenValue(await typed.text(), 'request');
    const [, handle, value] = /__Host-sfemu\.dev-([0-9a-f]{16})=([^;]+)/.exec(
      typed.headers.get('set-cookie') ?? '',
    ) as RegExpExecArray;
    for (const prefix of ['req', 'setup']) browser.setCookie(host, `__Host-sfemu.${prefix}-${handle}`, value);
    assert.equal((await browser.post(url('/setup/login'), { csrf: request, ...credentials() })).status, 403);
    const authorizeLogin = { request, ...credentials() };
    assert.equal((await browser.post(url('/services/oauth2/authorize/login'), authorizeLogin)).status, 400);
    const { csrf } = await atSetupLogin(browser);
    const { request: authorize } = await loginPageSteps(() => device.stack).atLogin(browser);
    for (const id of [csrf, authorize]) {
      assert.equal(
        (await browser.post(url('/setup/connect/login'), { request: id, ...credentials() })).status,
        400,
      );
    }
  });

  /**
   * A session of the attacker's own, signed in as a standard user. A login form is held apart from the session now,
   * so one opened before the attacker planted this id in the browser still logs in: under a new id, or the attacker
   * would hold the victim's login.
   */
  const attackerSession = async () => {
    const { browser, csrf } = await atSetupLogin();
    const standard = { ...credentials(), username: 'standard@playground.local' };
    const answer = await browser.post(url('/setup/login'), { csrf, ...standard });
    return SID.exec(answer.headers.get('set-cookie') ?? '')?.[1] as string;
  };
  const plant = (browser: TestClient, sid: string) =>
    browser.setCookie(new URL(url('/')).hostname, '__Host-sfemu.sid', sid);
  /** What the planted id gets at Setup: its login page (401) once replaced, Insufficient Privileges (403) or more else. */
  const plantedAtSetup = async (sid: string) =>
    (await new TestClient().get(url('/setup'), { cookie: `__Host-sfemu.sid=${sid}` })).status;

  test("Setup's login form works once, only in its own browser, and logs in under a new session id", async () => {
    const attacker = await atSetupLogin();
    const victim = await atSetupLogin();
    // A page elsewhere posting the attacker's own form (its token) from the victim's browser logs nobody in.
    const forged = await victim.browser.post(url('/setup/login'), { csrf: attacker.csrf, ...credentials() });
    assert.equal(forged.status, 403);
    assert.doesNotMatch(forged.headers.get('set-cookie') ?? '', SID);
    const planted = await attackerSession();
    plant(victim.browser, planted);
    const loggedIn = await victim.browser.post(url('/setup/login'), { csrf: victim.csrf, ...credentials() });
    assert.equal(loggedIn.status, 303);
    const sid = SID.exec(loggedIn.headers.get('set-cookie') ?? '')?.[1];
    assert.ok(sid && sid !== planted);
    assert.equal(await plantedAtSetup(planted), 401);
    assert.equal(
      (await victim.browser.post(url('/setup/login'), { csrf: victim.csrf, ...credentials() })).status,
      403,
    );
  });

  test("a device code's login, its page opened before a session id was planted, logs in under a new id", async () => {
    const { browser, request } = await codeTyped();
    const planted = await attackerSession();
    plant(browser, planted);
    const loggedIn = await browser.post(url('/setup/connect/login'), { request, ...credentials() });
    assert.equal(loggedIn.status, 303);
    assert.notEqual(SID.exec(loggedIn.headers.get('set-cookie') ?? '')?.[1], planted);
    assert.equal(await plantedAtSetup(planted), 401);
  });

  test('a browser sending hundreds of stale request cookies gets a bounded answer, cleared a score at a time', async () => {
    const browser = new TestClient();
    const host = new URL(device.stack.emulatorUrl).hostname;
    const stale = Array.from(
      { length: 200 },
      (_, i) => `__Host-sfemu.setup-${i.toString(16).padStart(16, '0')}`,
    );
    for (const name of stale) browser.setCookie(host, name, 'x'.repeat(32));
    const cleared = async () => {
      const answer = await browser.get(url('/setup'));
      await answer.arrayBuffer();
      assert.equal(answer.status, 401, "Setup's login page");
      const names = (answer.headers.raw()['set-cookie'] ?? []).map((line) =>
        line.slice(0, line.indexOf('=')),
      );
      return names.filter((name) => stale.includes(name)).length;
    };
    // Each answer clears at most twenty (about 1.6 KB of headers, where two hundred made 16 KB Node's client refused).
    assert.equal(await cleared(), 20);
    let rounds = 1;
    while ((await cleared()) > 0) rounds++;
    assert.equal(rounds, 10, 'all two hundred went, twenty an answer');
  });
});
