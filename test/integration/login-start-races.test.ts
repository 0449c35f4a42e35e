// Two logins of one browser started at the same moment (two tabs' Run within milliseconds): each comes back to a
// login this app still knows, whether the browser was signed in (both requests save the same session) or had no
// session yet (each request makes its own, and the browser keeps the last one's cookie). The starts' pre-flights
// are held at the emulator so that both have read the session before either saves it. A logout still ends them,
// and each is told so.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { postForm, runWebServerFlow } from '../support/flows.ts';
import { whileHeld } from '../support/held-requests.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

describe('two logins started at the same moment', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
    await runWebServerFlow(stack, new TestClient()); // the app is approved: a logged-in browser comes straight back
  });
  after(() => stack.close());

  const authorizeRequests = () => stack.emulator?.received.filter((r) => r.path === '/authorize').length ?? 0;

  /** Both starts' pre-flights wait at the emulator until both have arrived: both read the session first. */
  const startTwoAtOnce = async (client: TestClient): Promise<string[]> => {
    let locations: string[] = [];
    await whileHeld(
      stack.emulatorServer!,
      '/services/oauth2/authorize',
      async (held) => {
        const start = () => client.get(`${stack.appUrl}/flows/web-server/start`);
        const both = Promise.all([start(), start()]);
        await held.arrived;
        await sleep(300); // the second start's pre-flight arrives too
        await held.restore();
        held.release();
        locations = (await both).map((answer) => answer.headers.get('location') ?? '');
      },
      { host: new URL(stack.emulatorUrl).host },
    );
    return locations;
  };

  /** Follows a login to the emulator (logged in there: straight back) and through this app's callback. */
  const finish = async (client: TestClient, authorizeUrl: string): Promise<string | null> => {
    const atSalesforce = await client.get(authorizeUrl);
    assert.equal(atSalesforce.status, 302, 'the emulator sends the browser straight back');
    const callback = await client.get(atSalesforce.headers.get('location') ?? '');
    return callback.headers.get('location');
  };

  test('logins left waiting when the browser logged out do not sign it in again, and are told the logout ended them', async () => {
    const client = new TestClient();
    await runWebServerFlow(stack, client);
    await client.get(`${stack.appUrl}/flows/web-server`);
    const both = await startTwoAtOnce(client);
    assert.equal((await postForm(stack, client, '/result', '/logout')).status, 303);
    // Each is told the logout ended it: the one the session lost to the other's save, kept only among the pending
    // logins, too.
    for (const waiting of both) {
      assert.match((await finish(client, waiting)) ?? '', /^\/flows\/web-server/);
      const page = await (await client.get(`${stack.appUrl}/flows/web-server`)).text();
      assert.match(page, /<code>logged_out_since<\/code>/);
    }
    assert.equal((await client.get(`${stack.appUrl}/result`)).status, 401, 'the logout stands');
  });

  for (const signedIn of [true, false]) {
    test(`both logins finish, for a browser ${signedIn ? 'signed in' : 'with no session yet'}`, async () => {
      const client = new TestClient();
      // Logged in at the emulator (and, when signedIn, here too); with no session here, a fresh one at the app.
      await runWebServerFlow(stack, client);
      if (!signedIn) client.forgetCookie(new URL(stack.appUrl).hostname, '__Host-playground.sid');
      // The flow page both tabs show, whose Run they press: it gives the browser its form cookie.
      await client.get(`${stack.appUrl}/flows/web-server`);
      const before = authorizeRequests();
      const [first, second] = await startTwoAtOnce(client);
      assert.equal(authorizeRequests(), before + 2, 'both pre-flights were sent');
      assert.match(first, /\/services\/oauth2\/authorize\?/);
      assert.match(second, /\/services\/oauth2\/authorize\?/);
      assert.equal(await finish(client, first), '/result', 'the first tab’s login came back unknown');
      assert.equal(await finish(client, second), '/result', 'the second tab’s login came back unknown');
    });
  }
});
