// A login this browser started and then logged out of (Run in one tab, Log out in another, then the login finished at
// Salesforce) is refused and said to be ended by that logout, in both redirect flows; so is a callback of a login
// finished before the logout that comes back from history. A state that was never this browser's stays a mismatch.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import {
  assertExplained,
  authorizeViaApp,
  openUserAgentCallback,
  postFragment,
  postForm,
  runWebServerFlow,
} from '../../support/flows.ts';
import { followLogin, hiddenValue } from '../../support/emulator-login.ts';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

const WAITING = {
  error: 'logged_out_since',
  description: 'this browser logged out while this login was at Salesforce, and the logout ended it',
  title: 'This browser logged out while this login was at Salesforce',
};
const ANSWERED = {
  error: 'logged_out_since',
  description: 'this login came back once before this browser logged out: its state works once',
  title: 'A login from before a logout came back',
};

describe('a login that a logout ended', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  const page = async (client: TestClient, path: string) =>
    (await client.get(`${stack.appUrl}${path}`)).text();
  /** Tab A: the result page's Log out. */
  const logOut = async (client: TestClient) =>
    assert.equal((await postForm(stack, client, '/result', '/logout')).status, 303);

  test('web server flow: the callback after a logout in another tab names the logout, and signs nobody in', async () => {
    const client = new TestClient();
    assert.equal((await runWebServerFlow(stack, client)).location, '/result');
    const { location } = await runWebServerFlow(stack, client, { meanwhile: () => logOut(client) });
    assert.equal(location, '/flows/web-server#teaching-heading', 'nothing more in the URL');
    const shown = await page(client, '/flows/web-server');
    assertExplained(shown, WAITING);
    assert.doesNotMatch(shown, /state_mismatch/);
    assert.equal((await client.get(`${stack.appUrl}/result`)).status, 401, 'the logout stands');
  });

  test('user-agent flow: the same, and a sign-in in between does not make it a mismatch', async () => {
    const client = new TestClient();
    assert.equal((await runWebServerFlow(stack, client)).location, '/result');
    const { fragment, csrf } = await openUserAgentCallback(stack, client, {
      meanwhile: async () => {
        await logOut(client);
        // Tab A signs in again before tab B's login comes back.
        assert.equal((await runWebServerFlow(stack, client)).location, '/result');
      },
    });
    const redirect = await postFragment(stack, client, fragment, csrf);
    assert.equal(redirect, '/flows/user-agent#teaching-heading');
    assertExplained(await page(client, '/flows/user-agent'), WAITING);
    assert.match(await page(client, '/result'), /Signed in \(web server flow\)/, "tab A's sign-in stays");
  });

  test('a callback of a login finished before the logout, back from history, says so too', async () => {
    const client = new TestClient();
    const { callbackUrl, location } = await runWebServerFlow(stack, client);
    assert.equal(location, '/result');
    await logOut(client);
    const back = await client.get(callbackUrl);
    assert.equal(back.status, 303);
    assert.equal(back.headers.get('location'), '/flows/web-server#teaching-heading');
    assertExplained(await page(client, '/flows/web-server'), ANSWERED);
    assert.equal((await client.get(`${stack.appUrl}/result`)).status, 401);
  });

  test("a callback that still carries the logged-out session's cookie names the logout too", async () => {
    const client = new TestClient();
    assert.equal((await runWebServerFlow(stack, client)).location, '/result');
    const host = new URL(stack.appUrl).hostname;
    const callbackUrl = await authorizeViaApp(stack, client, '/flows/web-server/start');
    // The callback left before the logout's answer came (or that answer was lost): it carries the old id.
    const oldId = client.cookie(host, '__Host-playground.sid') ?? '';
    await logOut(client);
    const newId = client.cookie(host, '__Host-playground.sid') ?? '';
    assert.notEqual(newId, oldId);
    client.setCookie(host, '__Host-playground.sid', oldId);
    const back = await client.get(callbackUrl);
    assert.equal(back.status, 303);
    assert.equal(back.headers.get('location'), '/flows/web-server#teaching-heading');
    const shown = await page(client, '/flows/web-server');
    assertExplained(shown, WAITING);
    assert.doesNotMatch(shown, /state_mismatch/);
    assert.equal((await client.get(`${stack.appUrl}/result`)).status, 401, 'the logout stands');
  });

  test("a state that was never this browser's is still a mismatch after a logout", async () => {
    const client = new TestClient();
    assert.equal((await runWebServerFlow(stack, client)).location, '/result');
    // Another browser's login, waiting at Salesforce, and another's that a logout of its own ended.
    const other = new TestClient();
    const othersWaiting = await authorizeViaApp(stack, other, '/flows/web-server/start');
    const ended = new TestClient();
    assert.equal((await runWebServerFlow(stack, ended)).location, '/result');
    const endedCallback = await authorizeViaApp(stack, ended, '/flows/web-server/start');
    await logOut(ended);
    await logOut(client);
    for (const url of [
      othersWaiting,
      endedCallback,
      `${stack.config.callbackUrl}?code=abc&state=not-a-state-of-this-browser`,
    ]) {
      assert.equal((await client.get(url)).status, 303);
      const shown = await page(client, '/flows/web-server');
      assert.match(shown, /<code>state_mismatch<\/code>/, url);
      assert.doesNotMatch(shown, /logged_out_since/, url);
    }
  });
});

describe('a logout ends the login of a tab whose mark another tab replaced', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  test("two tabs of a fresh browser start at once, one signs in and logs out: the other's login is ended too", async () => {
    const host = new URL(stack.appUrl).hostname;
    // Tab A's start was the browser's first request: its answer's mark and session cookies were replaced by tab B's,
    // which left at the same instant; only A's start-mark cookie (a name of its own) stayed in the browser.
    const startA = await new TestClient().get(`${stack.appUrl}/flows/web-server/start`);
    const startMark = /(__Host-playground\.start-[^=]+)=([^;]+)/.exec(startA.headers.get('set-cookie') ?? '');
    assert.ok(startMark, 'a first start keeps its mark in a cookie of its own');
    const browser = new TestClient();
    browser.setCookie(host, startMark[1], startMark[2]);
    assert.equal((await runWebServerFlow(stack, browser)).location, '/result');
    assert.equal((await postForm(stack, browser, '/result', '/logout')).status, 303);
    // Tab A's login finishes at Salesforce after the logout.
    const back = await browser.get(await loginFinished(stack, browser, startA.headers.get('location') ?? ''));
    assert.equal(back.headers.get('location'), '/flows/web-server#teaching-heading', 'not signed in');
    assertExplained(await (await browser.get(`${stack.appUrl}/flows/web-server`)).text(), WAITING);
    assert.equal((await browser.get(`${stack.appUrl}/result`)).status, 401, 'the logout stands');
  });
});

describe("a start cookie naming another browser's mark", () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  test("ends nothing of that browser's at a logout: a start cookie ends only the login its name is the state of", async () => {
    const host = new URL(stack.appUrl).hostname;
    // Browser V's tab A started a login as V's first request here, and tab B's mark replaced A's: only A's start
    // cookie (its name the login's state digest, its value A's mark) still says the login is V's.
    const start = await new TestClient().get(`${stack.appUrl}/flows/web-server/start`);
    const kept = /(__Host-playground\.start-[^=]+)=([^;]+)/.exec(start.headers.get('set-cookie') ?? '');
    assert.ok(kept, 'a first start keeps its mark in a cookie of its own');
    const victim = new TestClient();
    victim.setCookie(host, kept[1], kept[2]);
    // Browser X, signed in, sends V's mark (learnt somehow) in a start cookie of a name of its own, and logs out.
    const other = new TestClient();
    assert.equal((await runWebServerFlow(stack, other)).location, '/result');
    other.setCookie(host, '__Host-playground.start-AAAAAAAAAAAAAAAAAAAAAA', kept[2]);
    assert.equal((await postForm(stack, other, '/result', '/logout')).status, 303);
    // V's login finishes at Salesforce and comes back: it was never X's to end.
    const back = await victim.get(await loginFinished(stack, victim, start.headers.get('location') ?? ''));
    assert.equal(back.headers.get('location'), '/result', 'signed in');
  });
});

/**
 * A login a start sent to the emulator (`authorizeUrl`), finished there by the demo admin as a browser would (its
 * login page when the browser is not logged in): the callback URL Salesforce sends the browser back to.
 */
async function loginFinished(stack: TestStack, browser: TestClient, authorizeUrl: string): Promise<string> {
  let answer = await browser.get(authorizeUrl);
  let html = await answer.text();
  if (html.includes('name="password"')) {
    answer = await browser.post(`${stack.emulatorUrl}/services/oauth2/authorize/login`, {
      request: hiddenValue(html, 'request'),
      username: stack.config.username,
      password: stack.config.emulator.password,
    });
    answer = await followLogin(browser, stack.emulatorUrl, answer);
    html = answer.status === 200 ? await answer.text() : '';
  }
  assert.equal(answer.status, 302, html.slice(0, 300));
  return answer.headers.get('location') ?? '';
}
