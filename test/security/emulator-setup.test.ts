// Attacks on the emulator's Setup: no administrator, a standard user, forged forms, hostile callback URLs and keys.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { hiddenValue } from '../support/emulator-login.ts';
import { saveSettings, setupSession } from '../support/emulator-setup.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const BAD_CALLBACKS: [string, RegExp][] = [
  ['https://evil;x/cb', /does not name a valid host/],
  ['https://evil x/cb', /is not a URL/],
  ['https://exa\tmple.com/cb', /is not a URL/],
  ['http://evil.example/cb', /must use https:\/\//],
  ['javascript:alert(1)', /must be an https:\/\/ URL/],
  ['data:text/html,<script>alert(1)</script>', /must be an https:\/\/ URL/],
  ['myapp://callback', /must be an https:\/\/ URL/],
  ['https://user:pass@example.com/cb', /must not contain a user name or password/],
  ['https://example.com/cb#fragment', /must not contain a #fragment/],
  [
    'https://[::1]/cb',
    /names an IPv6 address, which the playground does not take: use localhost or 127\.0\.0\.1/,
  ],
  ["https://x'unsafe-inline'/cb", /does not name a valid host/],
  ['not a url', /is not a URL/],
  [`https://example.com/${'a'.repeat(2100)}`, /at most 2000 characters/],
];

describe('emulator Setup under attack', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  const settingsNow = () => JSON.stringify(stack.emulator?.context.state.settings);
  const post = (client: TestClient, path: string, form: Record<string, string>) =>
    client.post(`${stack.emulatorUrl}${path}`, form);

  test('without a login, /setup shows the login page and no setting', async () => {
    const page = await new TestClient().get(`${stack.emulatorUrl}/setup`);
    assert.equal(page.status, 401);
    const html = await page.text();
    assert.match(html, /Setup needs a System Administrator\. Log in to continue\./);
    assert.match(html, /<form method="post" action="\/setup\/login">/);
    assert.doesNotMatch(html, /Callback URLs|oauthcallback\.html|BEGIN CERTIFICATE/);
  });

  test('without a login, every change is refused and nothing changes', async () => {
    const client = new TestClient();
    const loginPage = await (await client.get(`${stack.emulatorUrl}/setup`)).text();
    const csrf = hiddenValue(loginPage, 'csrf'); // a real token of this session: still no administrator
    const before = settingsNow();
    for (const [path, form] of [
      ['/setup', { csrf, callbackUrls: 'https://attacker.example/cb', policy: 'self-authorize' }],
      ['/setup/reset', { csrf }],
      ['/setup/unlock', { csrf, userId: '0055j00000StAnDAAV' }],
    ] as const) {
      const answer = await post(client, path, form);
      assert.equal(answer.status, 403, path);
      assert.match(await answer.text(), /Insufficient Privileges/);
    }
    assert.equal(settingsNow(), before);
  });

  test('a standard user may log in but sees Insufficient Privileges and cannot change anything', async () => {
    const { client, page } = await setupSession(stack, { username: 'standard@playground.local' });
    assert.match(page, /Insufficient Privileges/);
    assert.match(page, /You are logged in as <strong>standard@playground\.local<\/strong> \(Standard User\)/);
    assert.doesNotMatch(page, /Callback URLs/);
    const before = settingsNow();
    const answer = await post(client, '/setup', {
      csrf: hiddenValue(page, 'csrf'),
      callbackUrls: 'https://attacker.example/cb',
    });
    assert.equal(answer.status, 403);
    assert.equal(settingsNow(), before);
  });

  test('an administrator’s session without its CSRF token (a forged cross-site form) changes nothing', async () => {
    const admin = await setupSession(stack);
    const other = await setupSession(stack);
    const before = settingsNow();
    for (const csrf of ['', 'forged', hiddenValue(other.page, 'csrf')]) {
      const answer = await post(admin.client, '/setup', {
        csrf,
        callbackUrls: 'https://attacker.example/cb',
      });
      assert.equal(answer.status, 403);
      assert.match(await answer.text(), /The form expired: reload the page and try again\./);
      assert.equal((await post(admin.client, '/setup/reset', { csrf })).status, 403);
    }
    assert.equal(settingsNow(), before);
  });

  test('a forged login form (no CSRF token of this browser) logs nobody in', async () => {
    const victim = new TestClient();
    const answer = await post(victim, '/setup/login', {
      csrf: 'forged',
      username: stack.config.username,
      password: stack.config.emulator.password,
    });
    assert.equal(answer.status, 403);
    assert.match(await answer.text(), /The form expired/);
    assert.equal((await victim.get(`${stack.emulatorUrl}/setup`)).status, 401, 'still logged out');
  });

  for (const [url, problem] of BAD_CALLBACKS) {
    test(`refuses the callback URL ${JSON.stringify(url.slice(0, 60))} and keeps serving`, async () => {
      const before = settingsNow();
      const { status, html } = await saveSettings(stack, { callbackUrls: url });
      assert.equal(status, 400);
      assert.match(html, problem);
      assert.equal(settingsNow(), before);
      const home = await new TestClient().get(`${stack.emulatorUrl}/`);
      assert.equal(home.status, 200);
      assert.match(
        home.headers.get('content-security-policy') ?? '',
        /form-action 'self' https:\/\/localhost:\d+/,
      );
    });
  }

  test('accepts https:// and local http:// callbacks, and the CSP lists exactly their origins', async () => {
    const urls = [stack.config.callbackUrl, 'https://app.example.com/cb', 'http://127.0.0.1:3000/cb'];
    const { status } = await saveSettings(stack, { callbackUrls: urls.join('\n') });
    assert.equal(status, 200);
    const csp = (await new TestClient().get(`${stack.emulatorUrl}/`)).headers.get('content-security-policy');
    const formAction = /form-action ([^;]+)/.exec(csp ?? '')?.[1];
    assert.equal(
      formAction,
      `'self' ${new URL(stack.config.callbackUrl).origin} https://app.example.com http://127.0.0.1:3000`,
    );
    await saveSettings(stack, { callbackUrls: stack.config.callbackUrl });
  });

  test('prototype keys and odd shapes in Setup forms are answered calmly', async () => {
    const admin = await setupSession(stack);
    const csrf = hiddenValue(admin.page, 'csrf');
    const before = settingsNow();
    for (const userId of ['__proto__', 'constructor', 'toString', '']) {
      const answer = await post(admin.client, '/setup/unlock', { csrf, userId });
      assert.equal(answer.status, 400);
      assert.match(await answer.text(), /There is no such user\./);
    }
    const odd = await admin.client.request(`${stack.emulatorUrl}/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `csrf=${csrf}&stamp=${hiddenValue(admin.page, 'stamp')}&__proto__=x&constructor=y&policy[__proto__]=z&callbackUrls=a&callbackUrls=b&scopes=__proto__`,
    });
    assert.equal(odd.status, 400);
    assert.match(await odd.text(), /Nothing was saved/);
    assert.equal(settingsNow(), before);
  });

  test('logging out ends the administrator’s session', async () => {
    const admin = await setupSession(stack);
    const out = await post(admin.client, '/setup/logout', { csrf: hiddenValue(admin.page, 'csrf') });
    assert.equal(out.status, 303);
    assert.equal((await admin.client.get(`${stack.emulatorUrl}/setup`)).status, 401);
  });
});
