// The result page loaded with a session id another tab's sign-in has just replaced: it waits for that sign-in's
// answer, then asks the browser once more, so "its answer never reached this browser" is said only when true.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { whileHeld } from '../support/held-requests.ts';
import { postForm, runWebServerFlow } from '../support/flows.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

describe('the result page with a session id another tab had just replaced', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  test('loaded while the other tab is still signing in, it shows that sign-in, not a lost answer', async () => {
    const client = new TestClient();
    assert.equal((await runWebServerFlow(stack, client)).location, '/result');
    // Tab A signs in with the JWT flow: its session has the new id, and its answer waits on the revoke of the
    // login it replaces. Tab B reloads the result page meanwhile, with the id the browser still holds.
    await whileHeld(stack.emulatorServer!, '/services/oauth2/revoke', async (revoke) => {
      const signIn = postForm(stack, client, '/flows/jwt', '/flows/jwt');
      await revoke.arrived;
      let settled = false;
      const reload = client.get(`${stack.appUrl}/result`).finally(() => (settled = true));
      // A whole request sent after the reload has come back: the reload, sent first, is still waiting.
      assert.equal((await client.get(`${stack.appUrl}/`)).status, 200);
      assert.equal(settled, false, 'the result page waits for the sign-in under way');
      revoke.release();
      assert.equal((await signIn).headers.get('location'), '/result');
      const answer = await reload;
      assert.equal(answer.status, 303);
      assert.equal(answer.headers.get('location'), '/result?retried=1');
      // Asked for again, with the id the sign-in gave: signed in, and back at the page's own address.
      const again = await client.get(`${stack.appUrl}/result?retried=1`);
      assert.equal(again.headers.get('location'), '/result');
      const page = await (await client.get(`${stack.appUrl}/result`)).text();
      assert.match(page, /Signed in \(JWT bearer flow\)/);
      assert.doesNotMatch(page, /never reached this browser/);
    });
  });
});
