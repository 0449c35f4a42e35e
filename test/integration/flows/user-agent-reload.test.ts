// The user-agent callback met again: a response posted twice is refused and leads back to the unchanged result
// with a note, and the callback page reloaded once it had posted leads to the result page.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { openUserAgentCallback, postFragment } from '../../support/flows.ts';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';
import { SESSION_COOKIE } from '../../../server/session.ts';

describe('the user-agent callback, reloaded or replayed', () => {
  let stack: TestStack;
  let host: string;
  before(async () => {
    stack = await startTestStack();
    host = new URL(stack.appUrl).hostname;
  });
  after(() => stack.close());

  const cameBack = (client: TestClient) => openUserAgentCallback(stack, client);
  const post = (client: TestClient, fragment: string, csrf: string) =>
    postFragment(stack, client, fragment, csrf);

  test('a response posted a second time is refused unrecorded: back to the unchanged result, with a note', async () => {
    const client = new TestClient();
    const { pageUrl, fragment, csrf } = await cameBack(client);
    assert.equal(await post(client, fragment, csrf), '/result');
    const fresh = /<meta name="csrf-token" content="([^"]+)">/.exec(await (await client.get(pageUrl)).text());
    const again = await post(client, fragment, fresh?.[1] ?? '');
    assert.equal(again, '/result?replayed=1');
    const page = await (await client.get(`${stack.appUrl}${again}`)).text();
    assert.match(page, /Salesforce answered this login again/);
    assert.doesNotMatch(page, /callback_replayed/);
    // The same login: its transcript has the one callback it had, not the replay's.
    assert.equal(page.match(/data-leg="callback"/g)?.length, 1);
  });

  test('reloaded after its post signed the browser in, the page links to the result', async () => {
    const client = new TestClient();
    const { pageUrl, fragment, csrf } = await cameBack(client);
    assert.equal(await post(client, fragment, csrf), '/result');
    const reloaded = await (await client.get(pageUrl)).text();
    assert.match(
      reloaded,
      /<p id="callback-finished" hidden>This browser is signed in \(user-agent flow\): <a href="\/result">/,
    );
  });

  test('reloaded before the post’s answer arrived, the page links to the result, which says what became of it', async () => {
    const client = new TestClient();
    const { pageUrl, fragment, csrf } = await cameBack(client);
    const oldId = client.cookie(host, SESSION_COOKIE) ?? '';
    assert.equal(await post(client, fragment, csrf), '/result');
    // The reload cut the post short: the browser never got the new session id its answer carried.
    client.setCookie(host, SESSION_COOKIE, oldId);
    const reloaded = await (await client.get(pageUrl)).text();
    assert.match(reloaded, /<p id="callback-finished" hidden>A sign-in gave this browser a new session/);
    assert.match(
      reloaded,
      /<a href="\/result">the result page<\/a> says whether that sign-in reached this browser/,
    );
    // A page that loads no fragment with no sign-in behind it has nothing to link to.
    const stranger = await (await new TestClient().get(pageUrl)).text();
    assert.doesNotMatch(stranger, /callback-finished/);
  });
});
