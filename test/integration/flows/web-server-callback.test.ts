// The web server flow's callback against the emulator: a replayed or doubled callback, a forged state, repeated
// parameters and a denied approval, none of which may exchange a code twice or break the result.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../support/http.ts';
import { authorizeViaApp, runWebServerFlow } from '../../support/flows.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('web server flow', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());
  test('a replayed callback URL is refused unrecorded: back to the unchanged result, with a note', async () => {
    const client = new TestClient();
    const { callbackUrl } = await runWebServerFlow(stack, client);
    const tokenCalls = stack.emulator?.received.filter((r) => r.path === '/token').length;
    const replay = await client.get(callbackUrl);
    assert.equal(replay.headers.get('location'), '/result?replayed=1');
    assert.equal(stack.emulator?.received.filter((r) => r.path === '/token').length, tokenCalls);
    const result = await (await client.get(`${stack.appUrl}/result?replayed=1`)).text();
    assert.match(result, /Salesforce answered this login again/);
    assert.match(result, /The sign-in that gave this token succeeded/);
    assert.doesNotMatch(result, /callback_replayed|Failed: state check/);
    assert.equal((result.match(/data-leg="callback"/g) ?? []).length, 1, 'one callback leg in the result');
    const page = await (await client.get(`${stack.appUrl}/flows/web-server`)).text();
    assert.doesNotMatch(page, /callback_replayed|Salesforce answered this login again/);
    assert.match(page, /The last attempt succeeded/);
    // Said once, right after the replay: not again on a reload, nor for a link that carries ?replayed=1.
    const reloaded = await (await client.get(`${stack.appUrl}/result?replayed=1`)).text();
    assert.doesNotMatch(reloaded, /Salesforce answered this login again/);
    const linked = await (await new TestClient().get(`${stack.appUrl}/flows/web-server?replayed=1`)).text();
    assert.doesNotMatch(linked, /Salesforce answered this login again/);
  });

  test('two loads of one callback at once send its code once: the second is a replay', async () => {
    const client = new TestClient();
    const callbackUrl = await authorizeViaApp(stack, client, '/flows/web-server/start');
    const exchanges = () => stack.emulator?.received.filter((r) => r.path === '/token').length ?? 0;
    const before = exchanges();
    const answers = await Promise.all([client.get(callbackUrl), client.get(callbackUrl)]);
    // A load that reaches the app after the other's sign-in replaced the session id is sent back once to come again
    // with the new id (replacedSessions.ts), as a browser would: where it lands then is that load's answer.
    const landing = async (answer: (typeof answers)[number]) => {
      const location = answer.headers.get('location') ?? '';
      return /[?&]retried=1$/.test(location)
        ? ((await client.get(new URL(location, stack.appUrl).href)).headers.get('location') ?? '')
        : location;
    };
    const landed = await Promise.all(answers.map(landing));
    assert.equal(exchanges() - before, 1, 'one exchange of the code');
    // The second is a replay either way: refused as its login's already used state in the old session, or, come
    // again with the new id, shown the login it already made (the result page, with the replay note).
    const pair = landed.sort().join(' and ');
    assert.ok(
      ['/flows/web-server#teaching-heading and /result', '/result and /result?replayed=1'].includes(pair),
      pair,
    );
  });

  test('refuses a callback whose state does not match', async () => {
    const client = new TestClient();
    const callbackUrl = new URL(await authorizeViaApp(stack, client, '/flows/web-server/start'));
    callbackUrl.searchParams.set('state', 'forged');
    const tokenCalls = stack.emulator?.received.filter((r) => r.path === '/token').length;
    const callback = await client.get(callbackUrl.href);
    assert.equal(callback.headers.get('location'), '/flows/web-server#teaching-heading');
    assert.equal(
      stack.emulator?.received.filter((r) => r.path === '/token').length,
      tokenCalls,
      'the code was never exchanged',
    );
    assert.match(await (await client.get(`${stack.appUrl}/flows/web-server`)).text(), /Failed: state check/);
  });

  test('answers a callback with repeated parameters calmly, as an unknown state', async () => {
    const client = new TestClient();
    const callback = await client.get(`${stack.appUrl}/oauthcallback.html?code=a&code=b&state=x&state=y`);
    assert.equal(callback.status, 303);
    assert.equal(callback.headers.get('location'), '/flows/web-server#teaching-heading');
  });

  test('explains a denied approval', async () => {
    const client = new TestClient();
    await stack.emulator?.context.state.reset();
    const { location, callbackUrl } = await runWebServerFlow(stack, client, { decision: 'deny' });
    assert.equal(location, '/flows/web-server#teaching-heading');
    const page = await (await client.get(`${stack.appUrl}/flows/web-server`)).text();
    assert.match(page, /access_denied/);
    assert.match(page, /The user clicked Deny/);
    // Reloaded, that callback signed nobody in the first time either: the Deny's lesson again, with a note.
    const reload = await client.get(callbackUrl);
    assert.equal(reload.headers.get('location'), '/flows/web-server?replayed=1');
    const replayed = await (await client.get(`${stack.appUrl}/flows/web-server?replayed=1`)).text();
    assert.match(replayed, /Salesforce answered this login again/);
    assert.match(replayed, /The user clicked Deny/);
    assert.doesNotMatch(replayed, /callback_replayed/);
  });
});
