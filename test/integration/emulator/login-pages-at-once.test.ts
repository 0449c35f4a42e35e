// Two login pages of one browser open at once, as two tabs that start a login at the same instant: each signs in to
// its own request, and a request's id works only in the browser its page was given to.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { followLogin, hiddenValue } from '../../support/emulator-login.ts';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('emulator: login pages open at once', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  const authorize = (client: TestClient, state: string) =>
    client.get(
      `${stack.emulatorUrl}/services/oauth2/authorize?${new URLSearchParams({
        response_type: 'code',
        client_id: stack.config.clientId,
        redirect_uri: stack.config.callbackUrl,
        state,
        prompt: 'login',
      })}`,
    );
  const logIn = (client: TestClient, request: string) =>
    client.post(`${stack.emulatorUrl}/services/oauth2/authorize/login`, {
      request,
      username: stack.config.username,
      password: stack.config.emulator.password,
    });
  /** Where the login leads once its approval (if any) is allowed: the callback with the state it came with. */
  const callbackOf = async (client: TestClient, request: string) => {
    let answer = await followLogin(client, stack.emulatorUrl, await logIn(client, request));
    if (answer.status === 200) {
      const page = await answer.text();
      assert.match(page, /name="decision"/, page.slice(0, 400));
      answer = await client.post(`${stack.emulatorUrl}/services/oauth2/authorize/approve`, {
        request: hiddenValue(page, 'request'),
        decision: 'allow',
      });
    }
    assert.equal(answer.status, 302, await answer.text());
    return new URL(answer.headers.get('location') ?? '');
  };

  test('two tabs of a browser with no cookie yet open the login page at once: both sign in, each to its own request', async () => {
    const browser = new TestClient();
    // Both asked before either answer came: neither carries a cookie, and the answers' cookies meet in one jar.
    const pages = await Promise.all(['first', 'second'].map((state) => authorize(browser, state)));
    const requests = await Promise.all(pages.map(async (page) => hiddenValue(await page.text(), 'request')));
    const first = await callbackOf(browser, requests[0]);
    const second = await callbackOf(browser, requests[1]);
    assert.equal(first.searchParams.get('state'), 'first');
    assert.equal(second.searchParams.get('state'), 'second');
    assert.ok(first.searchParams.get('code'));
    assert.notEqual(first.searchParams.get('code'), second.searchParams.get('code'));
  });

  test("a request's id is refused in another browser, and after its answer in its own", async () => {
    const mine = new TestClient();
    const request = hiddenValue(await (await authorize(mine, 'mine')).text(), 'request');
    // Another browser, with a login page of its own (so a cookie of its own), posts this page's id: refused.
    const other = new TestClient();
    await authorize(other, 'other');
    const stranger = await logIn(other, request);
    assert.equal(stranger.status, 400);
    assert.match(await stranger.text(), /This login request has expired/);
    const callback = await callbackOf(mine, request);
    assert.equal(callback.searchParams.get('state'), 'mine');
    // Used: the same form again is the expired page, not a second code.
    const again = await logIn(mine, request);
    assert.equal(again.status, 400);
  });
});
