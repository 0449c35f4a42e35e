// Pages and answers that carry tokens forbid caching and Referer, and a transcript entry can be revealed or opened
// only by the session it belongs to. (What must never hold a secret at all: app-leakage.test.ts.)
import assert from '../support/assert.ts';
import { after, afterEach, before, describe, test } from 'node:test';
import { assertStillServing, csrfTokenOf, postJson } from '../support/attacks.ts';
import { TestClient } from '../support/http.ts';
import { runWebServerFlow } from '../support/flows.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

describe('token leakage', () => {
  let stack: TestStack;
  afterEach(() => assertStillServing(stack, new TestClient()));
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  for (const path of [
    '/flows/jwt',
    '/flows/web-server',
    '/flows/user-agent',
    '/oauthcallback.html',
    '/result',
  ]) {
    test(`GET ${path} forbids caching and Referer`, async () => {
      const client = new TestClient();
      await runWebServerFlow(stack, client);
      const response = await client.get(`${stack.appUrl}${path}`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    });
  }

  test('GET /teaching/legs/:id forbids caching and Referer, whole or in part', async () => {
    const client = new TestClient();
    await runWebServerFlow(stack, client);
    const page = await (await client.get(`${stack.appUrl}/result`)).text();
    const entryId = /data-entry="([^"]+)" data-leg="token"/.exec(page)?.[1] ?? '';
    for (const suffix of ['', '?part=body']) {
      const response = await client.get(`${stack.appUrl}/teaching/legs/${entryId}${suffix}`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    }
  });

  for (const path of ['/result/reveal', '/teaching/reveal']) {
    test(`POST ${path} answers with no-store and no-referrer`, async () => {
      const client = new TestClient();
      await runWebServerFlow(stack, client);
      const page = await (await client.get(`${stack.appUrl}/result`)).text();
      const entryId = /data-entry="([^"]+)" data-leg="token"/.exec(page)?.[1] ?? '';
      const answer = await postJson(
        client,
        `${stack.appUrl}${path}`,
        JSON.stringify({ entryId }),
        await csrfTokenOf(stack, client, '/result'),
      );
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get('cache-control'), 'no-store');
      assert.equal(answer.headers.get('referrer-policy'), 'no-referrer');
    });
  }

  test("another browser cannot reveal or open this session's transcript entries by their ids", async () => {
    const owner = new TestClient();
    await runWebServerFlow(stack, owner);
    const page = await (await owner.get(`${stack.appUrl}/result`)).text();
    const entryIds = [...page.matchAll(/data-entry="([^"]+)"/g)].map((match) => match[1]);
    assert.ok(entryIds.length >= 4, `only ${entryIds.length} entries`);
    const other = new TestClient();
    await runWebServerFlow(stack, other);
    const csrf = await csrfTokenOf(stack, other, '/result');
    for (const entryId of entryIds) {
      const answer = await postJson(
        other,
        `${stack.appUrl}/teaching/reveal`,
        JSON.stringify({ entryId }),
        csrf,
      );
      assert.equal(answer.status, 404);
      assert.deepEqual(await answer.json(), {
        error: 'Nothing to reveal',
        detail: 'That transcript entry is not in your session.',
        status: 404,
      });
      const leg = await other.get(`${stack.appUrl}/teaching/legs/${entryId}?part=body`);
      assert.equal(leg.status, 404, 'nor open its legs');
      const text = await leg.text();
      assert.match(text, /That transcript entry is not in your session\./);
      // The page's heading says what is missing, not that the address is wrong.
      assert.match(text, /<h1>Nothing to show<\/h1>/);
    }
  });
});
