// A start that repeats an attempt ("send me to Salesforce anyway", or a start another tab's sign-in overtook)
// carries that attempt's own faults in its link: another tab's newer attempt, or switches armed since, never
// take their place. A HEAD of a start link starts nothing; a refused start's choices stay chosen.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { whileHeld } from '../../support/held-requests.ts';
import { hiddenValue } from '../../support/emulator-login.ts';
import { TestClient } from '../../support/http.ts';
import { postForm, runWebServerFlow } from '../../support/flows.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('a repeated start carries its own attempt’s faults', () => {
  let stack: TestStack;
  const page = async (client: TestClient, path: string) =>
    (await client.get(`${stack.appUrl}${path}`)).text();
  const arm = (client: TestClient, faults: string, flow = 'web-server') =>
    postForm(stack, client, `/flows/${flow}`, '/teaching/break-it', { flow, faults });
  /** The emulator's answer to the login form behind an authorize URL, signed in as the configured user. */
  const signInAt = async (client: TestClient, authorizeUrl: string) => {
    const loginPage = await (await client.get(authorizeUrl)).text();
    assert.match(loginPage, /name="password"/);
    return client.post(`${stack.emulatorUrl}/services/oauth2/authorize/login`, {
      request: hiddenValue(loginPage, 'request'),
      username: stack.config.username,
      password: stack.config.emulator.password,
    });
  };

  before(async () => {
    stack = await startTestStack();
    await runWebServerFlow(stack, new TestClient()); // the admin approves the app
  });
  after(() => stack.close());

  test('"send me anyway" in one tab repeats its refused attempt, not the login another tab started since', async () => {
    const client = new TestClient();
    await arm(client, 'callback-mismatch');
    const refused = await client.get(`${stack.appUrl}/flows/web-server/start`);
    assert.equal(refused.headers.get('location'), '/flows/web-server#teaching-heading');
    const link = /href="(\/flows\/web-server\/start\?anyway=1[^"]*)"/.exec(
      await page(client, '/flows/web-server'),
    );
    assert.match(
      link?.[1] ?? '',
      /^\/flows\/web-server\/start\?anyway=1&amp;fault=callback-mismatch&amp;sig=[\w-]{43}$/,
    );
    const anywayUrl = `${stack.appUrl}${link![1].replaceAll('&amp;', '&')}`;

    // Another tab starts the same flow, with no fault: its login waits at Salesforce's page.
    const other = await client.get(`${stack.appUrl}/flows/web-server/start`);
    assert.match(other.headers.get('location') ?? '', /\/services\/oauth2\/authorize\?/);

    // A switch armed since is for the next attempt: the repeat leaves it armed.
    await arm(client, 'tampered-state');
    const anyway = await client.get(anywayUrl);
    const salesforcePage = await client.get(anyway.headers.get('location') ?? '');
    assert.equal(salesforcePage.status, 400);
    assert.match(await salesforcePage.text(), /redirect_uri_mismatch/);
    assert.match(
      await page(client, '/flows/web-server'),
      /Next attempt will:<\/strong> come back with a state this browser never sent/,
    );

    // The same link in another browser (a link posted elsewhere) starts a login with no fault at all.
    const elsewhere = new TestClient();
    await page(elsewhere, '/flows/web-server');
    const plain = await elsewhere.get(anywayUrl);
    assert.match(plain.headers.get('location') ?? '', /\/services\/oauth2\/authorize\?/);
    assert.doesNotMatch(await page(elsewhere, '/flows/web-server'), /This attempt was armed to/);
  });

  test('faults this app did not sign, or signed for other faults, break nothing', async () => {
    const client = new TestClient();
    await page(client, '/flows/web-server');
    for (const query of [
      'anyway=1&fault=tampered-state',
      'restarted=1&fault=replay-code&sig=forged',
      'anyway=1&fault=tampered-state&fault=nope&sig=' + 'A'.repeat(43),
    ]) {
      const start = await client.get(`${stack.appUrl}/flows/web-server/start?${query}`);
      assert.match(start.headers.get('location') ?? '', /\/services\/oauth2\/authorize\?/, query);
      assert.doesNotMatch(await page(client, '/flows/web-server'), /This attempt was armed to/, query);
    }
  });

  test('a start overtaken by another tab’s sign-in starts again with its faults, which it then takes', async () => {
    const client = new TestClient();
    await arm(client, 'ip-restricted');
    // The pre-flight (the app's own look at the authorize page) waits while the other tab signs in.
    await whileHeld(stack.emulatorServer!, '/services/oauth2/authorize', async (preflight) => {
      const start = client.get(`${stack.appUrl}/flows/web-server/start`);
      await preflight.arrived;
      assert.equal(
        (await postForm(stack, client, '/flows/jwt', '/flows/jwt')).headers.get('location'),
        '/result',
      );
      preflight.release();
      const restarted = (await start).headers.get('location') ?? '';
      assert.match(restarted, /^\/flows\/web-server\/start\?fault=ip-restricted&sig=[\w-]{43}&restarted=1$/);
      await preflight.restore();
      // The sign-in kept the switch armed (this browser armed it); the start it overtook takes it when it runs again.
      assert.match(await page(client, '/flows/web-server'), /Next attempt will:/, 'still armed');
      const again = await client.get(`${stack.appUrl}${restarted}`);
      assert.doesNotMatch(
        await page(client, '/flows/web-server'),
        /Next attempt will:/,
        'taken by the restart',
      );
      const login = await signInAt(client, again.headers.get('location') ?? '');
      assert.equal(login.status, 403, 'the restarted login meets the fault it was started with');
      assert.match(await login.text(), /Restricted IP/);
    });
  });

  test('a start overtaken by another tab’s refresh starts again once with its faults, and leaves none armed', async () => {
    const client = new TestClient();
    assert.equal((await runWebServerFlow(stack, client)).location, '/result');
    await arm(client, 'tampered-state');
    await whileHeld(stack.emulatorServer!, '/services/oauth2/authorize', async (preflight) => {
      const start = client.get(`${stack.appUrl}/flows/web-server/start`);
      await preflight.arrived;
      // The refresh carries the session as it was stored: the switch the start took is still armed there.
      const refreshed = await postForm(stack, client, '/flows/refresh-token', '/flows/refresh-token');
      assert.equal(refreshed.headers.get('location'), '/result');
      preflight.release();
      const restarted = (await start).headers.get('location') ?? '';
      assert.match(restarted, /[?&]fault=tampered-state&/);
      await preflight.restore();
      assert.match(await page(client, '/flows/web-server'), /Next attempt will:/, 'carried by the refresh');
      const again = await client.get(`${stack.appUrl}${restarted}`);
      assert.match(again.headers.get('location') ?? '', /\/services\/oauth2\/authorize\?/);
    });
    const flowPage = await page(client, '/flows/web-server');
    assert.match(flowPage, /This attempt was armed to come back with a state this browser never sent/);
    assert.doesNotMatch(flowPage, /Next attempt will:/, 'taken once, not twice');
  });

  test('a HEAD or a prefetch of a start link (a link checker, a preview) starts nothing: the armed switch waits for the browser', async () => {
    const client = new TestClient();
    await arm(client, 'callback-mismatch');
    const head = await client.request(`${stack.appUrl}/flows/web-server/start`, { method: 'HEAD' });
    assert.equal(head.status, 204);
    for (const [name, value] of [
      ['sec-purpose', 'prefetch'],
      ['purpose', 'prefetch'],
      ['x-moz', 'prefetch'],
    ]) {
      const headers = { [name]: value };
      const prefetch = await client.request(`${stack.appUrl}/flows/web-server/start`, { headers });
      assert.equal(prefetch.status, 503, JSON.stringify(headers));
      assert.equal(prefetch.headers.get('cache-control'), 'no-store');
    }
    const start = await client.get(`${stack.appUrl}/flows/web-server/start`);
    assert.equal(
      start.headers.get('location'),
      '/flows/web-server#teaching-heading',
      'the switch was still armed',
    );
  });

  test('a refused start keeps the user, scopes and prompt it asked with chosen on the flow page', async () => {
    const client = new TestClient();
    await arm(client, 'callback-mismatch');
    const choices = 'login_hint=standard%40playground.local&scope=api&scope=openid&prompt=login';
    const refused = await client.get(`${stack.appUrl}/flows/web-server/start?${choices}`);
    assert.equal(refused.headers.get('location'), '/flows/web-server#teaching-heading');
    const html = await page(client, '/flows/web-server');
    assert.match(html, /<option value="standard@playground\.local" selected>/);
    assert.match(html, /<option value="login" selected>/);
    const checked = [...html.matchAll(/name="scope" value="(\w+)" checked/g)].map((match) => match[1]);
    assert.deepEqual(checked, ['api', 'openid']);
  });
});
