// Requests of one browser that overlap: a logout or a sign-in stays what it is, whatever request was still running
// on the session it ended (that request neither writes it back nor hands its id back to the browser). Overlaps
// with a refresh: session-refresh-races.test.ts.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { whileHeld } from '../support/held-requests.ts';
import { postForm, runWebServerFlow } from '../support/flows.ts';
import { TestClient } from '../support/http.ts';
import { browserReaders, sessionCookie, startRaceStack } from '../support/session-races.ts';
import type { TestStack } from '../support/stack.ts';

describe('overlapping requests of one browser', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startRaceStack();
  });
  after(() => stack.close());
  const { page, shownToken } = browserReaders(() => stack);

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
