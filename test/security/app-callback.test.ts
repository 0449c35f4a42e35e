// Attacks on the one callback: a missing, wrong or replayed state, two codes or errors, and unsolicited errors.
// None signs anyone in or reaches the token endpoint. (Attacks from another browser: app-callback-sessions.test.ts.)
import assert from '../support/assert.ts';
import { after, afterEach, before, describe, test } from 'node:test';
import { assertStillServing, tokenCalls } from '../support/attacks.ts';
import { callbackReaders } from '../support/callback-attacks.ts';
import { TestClient } from '../support/http.ts';
import { authorizeViaApp, runUserAgentFlow, runWebServerFlow } from '../support/flows.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const PLANTED_TEXT = 'Your account is locked: call +1 555 0100 now';

describe('attacks on the callback', () => {
  let stack: TestStack;
  afterEach(() => assertStillServing(stack, new TestClient()));
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());
  const { page, signedIn, assertStateRefused } = callbackReaders(() => stack);
  const errorBox = (html: string) => /<div class="error-box"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';

  test('a callback with two codes, two errors, an empty code or an empty error is refused without any exchange', async () => {
    for (const tamper of [
      (url: URL) => url.searchParams.append('code', 'second-code'),
      (url: URL) => url.searchParams.set('code', ''),
      (url: URL) => {
        url.searchParams.delete('code');
        url.searchParams.set('error', '');
      },
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
    assert.equal((await client.get(callbackUrl)).headers.get('location'), '/result?replayed=1');
    assert.equal(tokenCalls(stack).length, exchanges);
    const result = await (await client.get(`${stack.appUrl}/result?replayed=1`)).text();
    assert.match(result, /Salesforce answered this login again/, 'the same browser: a replay, said as one');
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
