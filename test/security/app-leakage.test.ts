// Token leakage: no token, code or secret in any Location header the app sends, in a page before Reveal, or
// in the server's log, across all seven flows. (Caching, Referer and other sessions' entries: app-token-pages.test.ts.)
import assert from '../support/assert.ts';
import { after, afterEach, before, describe, test } from 'node:test';
import { assertStillServing } from '../support/attacks.ts';
import { TestClient } from '../support/http.ts';
import { postForm, resultWithToken, runUserAgentFlow, runWebServerFlow } from '../support/flows.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { ADMIN_ID, changeSettings } from '../support/emulator-api.ts';
import { Visitor } from '../support/visitor.ts';
import { securityToken } from '../../server/emulator/org.ts';

/** A browser that notes every Location header the app (not the emulator) answers with. */
class WatchedBrowser extends TestClient {
  readonly locations: string[] = [];
  constructor(private readonly appUrl: () => string) {
    super();
  }
  override async request(...args: Parameters<TestClient['request']>) {
    const response = await super.request(...args);
    const location = response.headers.get('location');
    if (location && args[0].startsWith(this.appUrl())) this.locations.push(location);
    return response;
  }
}

describe('token leakage', () => {
  let stack: TestStack;
  afterEach(() => assertStillServing(stack, new TestClient()));
  const logged: string[] = [];
  const originals = { log: console.log, error: console.error, warn: console.warn, info: console.info };
  const browser = new WatchedBrowser(() => stack.appUrl);
  const pages: string[] = [];
  /** Every leg of those pages opened, as the page's script asks for it and as its own page. */
  const legs: string[] = [];
  const accessTokens: string[] = [];

  before(async () => {
    stack = await startTestStack();
    for (const name of Object.keys(originals) as (keyof typeof originals)[]) {
      console[name] = (...args: unknown[]) => logged.push(args.map(String).join(' '));
    }
    const collect = async () => {
      const { page, token } = await resultWithToken(stack, browser);
      accessTokens.push(token);
      const now = [page];
      for (const flow of ['web-server', 'user-agent', 'jwt'])
        now.push(await (await browser.get(`${stack.appUrl}/flows/${flow}`)).text());
      pages.push(...now);
      const ids = now.flatMap((html) => [...html.matchAll(/data-entry="([^"]+)"/g)].map((match) => match[1]));
      for (const id of new Set(ids))
        for (const suffix of ['?part=body', ''])
          legs.push(await (await browser.get(`${stack.appUrl}/teaching/legs/${id}${suffix}`)).text());
    };
    // Every flow, a refresh, a failing query, a forged fragment and a logout: success and error paths alike.
    await runWebServerFlow(stack, browser);
    await collect();
    await postForm(stack, browser, '/result', '/flows/refresh-token');
    await postForm(stack, browser, '/result', '/result/query', { soql: 'SELECT Nope FROM Account' });
    await collect();
    await runUserAgentFlow(stack, browser);
    await collect();
    await runUserAgentFlow(stack, browser, {}, (fragment) =>
      fragment.replace(/signature=[^&]+/, 'signature=AAAA'),
    );
    await postForm(stack, browser, '/flows/jwt', '/flows/jwt');
    await collect();
    // The other three flows, with what the emulator's org needs for each.
    await changeSettings(stack, { runAsUserId: ADMIN_ID, allowUsernamePassword: 'on' });
    await postForm(stack, browser, '/flows/client-credentials', '/flows/client-credentials');
    await collect();
    const { password } = stack.config.emulator;
    await postForm(stack, browser, '/flows/username-password', '/flows/username-password', {
      username: stack.config.username,
      password,
      securityToken: securityToken(password, ADMIN_ID),
    });
    await collect();
    const visitor = Object.assign(new Visitor(() => stack), { client: browser });
    await visitor.run('/flows/device');
    await visitor.allowDeviceCodeElsewhere();
    assert.equal(await visitor.pollDevice(), '/result');
    await collect();
    await postForm(stack, browser, '/result', '/logout');
  });
  after(async () => {
    Object.assign(console, originals);
    await stack.close();
  });

  /** Everything secret that went over the wire: codes, verifiers, secrets, assertions, tokens. */
  const secrets = () => {
    const found = new Set<string>([...accessTokens, stack.config.clientSecret ?? '']);
    for (const request of stack.emulator?.received ?? []) {
      for (const name of [
        'code',
        'code_verifier',
        'client_secret',
        'assertion',
        'token',
        'refresh_token',
        'password',
        'device_code',
      ])
        if (request.params[name]) found.add(request.params[name]);
    }
    return [...found].filter((secret) => secret.length >= 16);
  };
  const assertNoSecretIn = (texts: string[], where: string) => {
    const all = secrets();
    assert.ok(all.length >= 8, `only ${all.length} secrets collected`);
    const haystack = texts.join('\n');
    for (const secret of all)
      for (const form of [
        secret,
        encodeURIComponent(secret),
        new URLSearchParams({ s: secret }).toString().slice(2),
      ])
        assert.ok(!haystack.includes(form), `a secret (${secret.slice(0, 6)}…) is in ${where}`);
  };

  test('no Location header the app sent carries a token or code', () => {
    assert.equal(browser.locations.length, 12, browser.locations.join(' '));
    assertNoSecretIn(browser.locations, 'a Location header');
    for (const location of browser.locations)
      assert.doesNotMatch(location, /[?&#](code|access_token|token)=/);
  });

  test('no flow or result page shows a token or code before Reveal', () => {
    assert.equal(pages.length, 28);
    assertNoSecretIn(pages, 'a page');
  });

  test('no transcript leg, opened or on its own page, shows a token or code before Reveal', () => {
    assert.ok(legs.length >= 40, `only ${legs.length} legs opened`);
    assert.ok(
      legs.every((html) => html.includes('data-field="url"')),
      'every leg opened',
    );
    assertNoSecretIn(legs, 'a leg');
  });

  test('the server log holds no token, code or secret', () => {
    assertNoSecretIn(logged, 'the log');
  });
});
