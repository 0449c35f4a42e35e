// The callback attack tests' readers: the flow page a browser sees, whether it is signed in, and the assertion
// that a callback was refused as state_mismatch without any code exchange.
import assert from './assert.ts';
import { tokenCalls } from './attacks.ts';
import type { TestClient } from './http.ts';
import type { TestStack } from './stack.ts';

/** Readers bound to the stack a describe started (given as a function: it exists only once `before` ran). */
export function callbackReaders(stackOf: () => TestStack) {
  const page = async (client: TestClient, flow = 'web-server') =>
    (await client.get(`${stackOf().appUrl}/flows/${flow}`)).text();
  const signedIn = async (client: TestClient) =>
    (await client.get(`${stackOf().appUrl}/result`)).status === 200;
  /** Opens a callback URL and asserts it was refused as state_mismatch without any code exchange. */
  const assertStateRefused = async (client: TestClient, callbackUrl: string) => {
    const exchanges = tokenCalls(stackOf()).length;
    const callback = await client.get(callbackUrl);
    assert.equal(callback.status, 303);
    assert.equal(callback.headers.get('location'), '/flows/web-server#teaching-heading');
    assert.equal(tokenCalls(stackOf()).length, exchanges, 'no code was exchanged');
    const html = await page(client);
    assert.ok(html.includes('<code>state_mismatch</code>'));
    assert.ok(html.includes('<h3>The callback did not come from a login this browser started</h3>'));
    assert.equal(await signedIn(client), false);
  };
  return { page, signedIn, assertStateRefused };
}
