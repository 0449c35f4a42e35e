// Requests of one browser that overlap a refresh: the refresh stands against a slower request of the session it
// replaced, keeps the session's other tabs, query and switches, and a login started meanwhile starts again.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { postForm, runWebServerFlow } from '../support/flows.ts';
import { whileHeld } from '../support/held-requests.ts';
import { TestClient } from '../support/http.ts';
import { browserReaders, sessionCookie, startRaceStack } from '../support/session-races.ts';
import type { TestStack } from '../support/stack.ts';

describe('overlapping requests of one browser, with a refresh', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startRaceStack();
  });
  after(() => stack.close());
  const { page, shownToken } = browserReaders(() => stack);

  test("a refresh keeps the login, so the forms of the visitor's other tabs still send", async () => {
    const client = new TestClient();
    assert.equal((await runWebServerFlow(stack, client)).location, '/result');
    const otherTab = await (await client.get(`${stack.appUrl}/result`)).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(otherTab)?.[1] ?? '';
    const refreshed = await postForm(stack, client, '/flows/refresh-token', '/flows/refresh-token');
    assert.equal(refreshed.headers.get('location'), '/result');
    const query = await client.post(`${stack.appUrl}/result/query`, {
      _csrf: csrf,
      soql: 'SELECT Id FROM Account',
    });
    assert.equal(query.status, 303, 'the other tab’s form is not "expired"');
  });

  test('a refresh stands when a slower request of the same session ends after it', async () => {
    const client = new TestClient();
    assert.equal((await runWebServerFlow(stack, client)).location, '/result');
    // A token tool loads the session, then waits at userinfo while the other tab refreshes.
    let refreshedToken = '';
    await whileHeld(stack.emulatorServer!, '/services/oauth2/userinfo', async (userinfo) => {
      const slow = postForm(stack, client, '/result', '/result/tools', { tool: 'userinfo' });
      await userinfo.arrived;
      const refreshed = await postForm(stack, client, '/flows/refresh-token', '/flows/refresh-token');
      assert.equal(refreshed.headers.get('location'), '/result');
      refreshedToken = await shownToken(client);
      userinfo.release();
      assert.equal(sessionCookie(await slow), false, 'the ended id is not handed back');
    });
    assert.equal(
      await shownToken(client),
      refreshedToken,
      'the refreshed tokens, not older ones written back',
    );
  });

  test('a refresh keeps everything else of the session: the query, the armed switches', async () => {
    const client = new TestClient();
    assert.equal((await runWebServerFlow(stack, client)).location, '/result');
    const soql = 'SELECT Id, Name FROM Contact LIMIT 3';
    assert.equal((await postForm(stack, client, '/result', '/result/query', { soql })).status, 303);
    await postForm(stack, client, '/flows/jwt', '/teaching/break-it', { flow: 'jwt', faults: 'wrong-aud' });
    const refreshed = await postForm(stack, client, '/flows/refresh-token', '/flows/refresh-token');
    assert.equal(refreshed.headers.get('location'), '/result');
    assert.ok((await page(client, '/result')).includes(`>${soql}</textarea>`), 'the own query is kept');
    assert.match(await page(client, '/flows/jwt'), /<strong>Next attempt will:<\/strong>/, 'the switch too');
  });

  test('a login started while another tab refreshes starts again with the new session, instead of being lost', async () => {
    const client = new TestClient();
    assert.equal((await runWebServerFlow(stack, client)).location, '/result');
    // The pre-flight (the app's own look at the authorize page) waits while the other tab refreshes.
    await whileHeld(stack.emulatorServer!, '/services/oauth2/authorize', async (preflight) => {
      const start = client.get(`${stack.appUrl}/flows/web-server/start`);
      await preflight.arrived;
      const refreshed = await postForm(stack, client, '/flows/refresh-token', '/flows/refresh-token');
      assert.equal(refreshed.headers.get('location'), '/result');
      preflight.release();
      const restarted = (await start).headers.get('location') ?? '';
      assert.match(restarted, /^\/flows\/web-server\/start\?.*restarted=1/);
      await preflight.restore();
      const again = await client.get(`${stack.appUrl}${restarted}`);
      assert.equal(again.status, 302);
      assert.ok(again.headers.get('location')?.startsWith(`${stack.emulatorUrl}/services/oauth2/authorize?`));
    });
  });
});
