// Requests of one browser that overlap: a logout or a sign-in stays what it is, whatever request was still running
// on the session it ended (that request neither writes it back nor hands its id back to the browser), and a refresh
// leaves the forms of other tabs working.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { ADMIN_ID, changeSettings } from '../support/emulator-api.ts';
import { whileHeld } from '../support/faults.ts';
import { postForm, runWebServerFlow } from '../support/flows.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const sessionCookie = (answer: { headers: { get(name: string): string | null } }) =>
  /(^|, )playground\.sid=/.test(answer.headers.get('set-cookie') ?? '');

describe('overlapping requests of one browser', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
    await changeSettings(stack, { runAsUserId: ADMIN_ID });
  });
  after(() => stack.close());
  const page = async (client: TestClient, path: string) =>
    (await client.get(`${stack.appUrl}${path}`)).text();
  /** The access token the result page's owner reveals. */
  const shownToken = async (client: TestClient) => {
    const html = await page(client, '/result');
    const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(html)?.[1] ?? '';
    const answer = await client.request(`${stack.appUrl}/result/reveal`, {
      method: 'POST',
      headers: { 'x-csrf-token': csrf },
    });
    return ((await answer.json()) as { access_token: string }).access_token;
  };

  test('a logout stays a logout when a token tool started before it ends after it', async () => {
    const client = new TestClient();
    assert.equal((await runWebServerFlow(stack, client)).location, '/result');
    await whileHeld(stack.emulatorServer!, '/services/oauth2/userinfo', async (userinfo) => {
      const tool = postForm(stack, client, '/result', '/result/tools', { tool: 'userinfo' });
      await userinfo.arrived;
      const logout = await postForm(stack, client, '/result', '/logout');
      assert.equal(logout.status, 303);
      userinfo.release();
      const answered = await tool;
      assert.equal(answered.status, 303);
      assert.equal(sessionCookie(answered), false, 'the tool’s answer does not hand the ended id back');
    });
    // The ended session is neither saved back nor given back to the browser.
    assert.equal((await client.get(`${stack.appUrl}/result`)).status, 401);
    assert.doesNotMatch(
      (await client.get(`${stack.appUrl}/signed-out`)).headers.get('location') ?? '',
      /\/result/,
    );
  });

  test('a logout stays a logout when a refresh started before it ends after it', async () => {
    const client = new TestClient();
    assert.equal((await runWebServerFlow(stack, client)).location, '/result');
    // Salesforce has refreshed (new tokens exist) when the logout comes; its answer arrives after the logout's.
    await whileHeld(
      stack.emulatorServer!,
      '/services/oauth2/token',
      async (token) => {
        const refresh = postForm(stack, client, '/flows/refresh-token', '/flows/refresh-token');
        await token.arrived;
        assert.equal((await postForm(stack, client, '/result', '/logout')).status, 303);
        token.release();
        const refreshed = await refresh;
        assert.equal(
          refreshed.headers.get('location'),
          '/flows/refresh-token?ended=1',
          'it did not sign in again',
        );
        assert.equal(sessionCookie(refreshed), false, 'the ended id is not handed back');
      },
      { answers: true },
    );
    assert.equal((await client.get(`${stack.appUrl}/result`)).status, 401);
    assert.match(await page(client, '/flows/refresh-token?ended=1'), /Your last attempt here was not kept\./);
  });

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

  test('a sign-in that ends after another tab signed in takes the browser over, as any later sign-in does', async () => {
    const client = new TestClient();
    assert.equal((await runWebServerFlow(stack, client)).location, '/result');
    await whileHeld(
      stack.emulatorServer!,
      '/services/oauth2/token',
      async (myDomain) => {
        const slow = postForm(stack, client, '/flows/client-credentials', '/flows/client-credentials');
        await myDomain.arrived;
        assert.equal((await runWebServerFlow(stack, client)).location, '/result', 'the other tab signs in');
        const other = await shownToken(client);
        myDomain.release();
        assert.equal((await slow).headers.get('location'), '/result');
        assert.notEqual(await shownToken(client), other, 'the client credentials login, now the browser’s');
        assert.match(
          await page(client, '/result'),
          /The client credentials\s+flow gave this session an access token/i,
        );
      },
      { host: new URL(stack.instanceUrl).host },
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

  test('a device start overtaken by a sign-in in another tab says its code was not kept', async () => {
    const client = new TestClient();
    assert.equal((await runWebServerFlow(stack, client)).location, '/result');
    // The device authorization goes to the login host; the other tab's client credentials to My Domain.
    await whileHeld(
      stack.emulatorServer!,
      '/services/oauth2/token',
      async (loginHost) => {
        const start = postForm(stack, client, '/flows/device', '/flows/device');
        await loginHost.arrived;
        const other = await postForm(stack, client, '/flows/client-credentials', '/flows/client-credentials');
        assert.equal(other.headers.get('location'), '/result');
        loginHost.release();
        assert.equal((await start).headers.get('location'), '/flows/device?ended=1');
      },
      { host: new URL(stack.emulatorUrl).host },
    );
    const page = await (await client.get(`${stack.appUrl}/flows/device?ended=1`)).text();
    assert.match(page, /Your last attempt here was not kept\./);
    assert.doesNotMatch(page, /<code id="user-code">/, 'no code left waiting that nothing would poll');
  });
});
