// A login's callback that left the browser with the session id a sign-in in another tab had just replaced: it is
// sent once more with the new id and finishes, instead of failing on an empty session and signing the browser out.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { authorizeViaApp, postForm } from '../support/flows.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { SESSION_COOKIE } from '../../server/session.ts';

describe('a callback sent with a session id another tab had just replaced', () => {
  let stack: TestStack;
  let host: string;
  before(async () => {
    stack = await startTestStack();
    host = new URL(stack.appUrl).hostname;
  });
  after(() => stack.close());

  /**
   * Tab B leaves for Salesforce's login; tab A's JWT sign-in then gives the browser a new session id; B's callback
   * left the browser before A's answer arrived, so it carries the old id. Returns B's callback URL and the old id.
   */
  async function raced(client: TestClient) {
    // Tab B shows the flow page (its forms give the browser its CSRF cookie), then its start link is clicked.
    await client.get(`${stack.appUrl}/flows/web-server`);
    const callbackUrl = await authorizeViaApp(stack, client, '/flows/web-server/start');
    const oldId = client.cookie(host, SESSION_COOKIE) ?? '';
    assert.equal(
      (await postForm(stack, client, '/flows/jwt', '/flows/jwt')).headers.get('location'),
      '/result',
    );
    const newId = client.cookie(host, SESSION_COOKIE) ?? '';
    assert.notEqual(newId, oldId, 'the sign-in gave a new id');
    return { callbackUrl, oldId, newId };
  }

  /** The callback as it left the browser: with the old id, whatever the jar holds now. */
  async function sendWithOldId(client: TestClient, url: string, oldId: string) {
    const current = client.cookie(host, SESSION_COOKIE) ?? '';
    client.setCookie(host, SESSION_COOKIE, oldId);
    const answer = await client.get(url);
    // A browser keeps the newer id unless this answer sets one.
    if (client.cookie(host, SESSION_COOKIE) === oldId) client.setCookie(host, SESSION_COOKIE, current);
    return answer;
  }

  test('is sent back once, writes nothing, and with the new id finishes the login', async () => {
    const client = new TestClient();
    const { callbackUrl, oldId, newId } = await raced(client);
    const first = await sendWithOldId(client, callbackUrl, oldId);
    assert.equal(first.status, 303);
    assert.equal(first.headers.get('set-cookie'), null, 'no session of its own replaces the new one');
    const again = first.headers.get('location') ?? '';
    assert.equal(again, `${new URL(callbackUrl).pathname}${new URL(callbackUrl).search}&retried=1`);
    assert.equal(client.cookie(host, SESSION_COOKIE), newId);

    const finished = await client.get(`${stack.appUrl}${again}`);
    assert.equal(finished.headers.get('location'), '/result', 'the web server login completed');
    const signedIn = await (await client.get(`${stack.appUrl}/result`)).text();
    assert.match(signedIn, /The web server\s+flow gave this session an access token/);
    // The callback leg, as the result page loads it on demand: the URL as Salesforce sent it, without the mark.
    const legPath = /Callback \(Salesforce[\s\S]*?data-leg-src="([^"]+)"/.exec(signedIn)?.[1] ?? '';
    const leg = await (await client.get(`${stack.appUrl}${legPath.replace(/&amp;/g, '&')}`)).text();
    assert.match(leg, /oauthcallback\.html\?code=/, 'the callback leg');
    assert.doesNotMatch(leg, /retried/);
  });

  test('a second time with the old id (the browser never got the new one), it is not sent back again, and finishes', async () => {
    const client = new TestClient();
    const { callbackUrl, oldId } = await raced(client);
    const first = await sendWithOldId(client, callbackUrl, oldId);
    const second = await sendWithOldId(client, `${stack.appUrl}${first.headers.get('location')}`, oldId);
    assert.equal(second.status, 303);
    assert.doesNotMatch(second.headers.get('location') ?? '', /retried/, 'no loop');
    // The login is this browser's, and still waiting among the pending logins: it finishes on a session of its own.
    assert.equal(second.headers.get('location'), '/result');
  });

  test("the user-agent flow's callback page is served as it is: its script posts the fragment afterwards", async () => {
    const client = new TestClient();
    const { oldId } = await raced(client);
    const page = await sendWithOldId(client, `${stack.appUrl}/oauthcallback.html`, oldId);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /\/js\/callback\.js/);
  });

  test('an id a logout ended is not sent back: the logout stands', async () => {
    const client = new TestClient();
    const callbackUrl = await authorizeViaApp(stack, client, '/flows/web-server/start');
    const oldId = client.cookie(host, SESSION_COOKIE) ?? '';
    assert.equal((await postForm(stack, client, '/flows/web-server', '/logout')).status, 303);
    const answer = await sendWithOldId(client, callbackUrl, oldId);
    assert.equal(answer.status, 303);
    assert.doesNotMatch(answer.headers.get('location') ?? '', /retried=1/);
  });
});
