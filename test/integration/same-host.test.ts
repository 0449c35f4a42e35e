// A page opened under this machine's other name moves to the callback's host name at once: cookies are kept per
// host name, and a login begun on 127.0.0.1 would come back to localhost without its session (state_mismatch).
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

describe('one host name for the whole login', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  test("a page on 127.0.0.1 redirects to the callback's localhost, path and query kept; a form post is left alone", async () => {
    const port = new URL(stack.appUrl).port;
    const client = new TestClient();
    const page = await client.get(`https://127.0.0.1:${port}/flows/web-server?x=1`);
    assert.equal(page.status, 302);
    assert.equal(page.headers.get('location'), `https://localhost:${port}/flows/web-server?x=1`);
    assert.equal((await client.get(`https://localhost:${port}/flows/web-server`)).status, 200);
    const posted = await client.post(`https://127.0.0.1:${port}/flows/jwt`, {});
    assert.notEqual(posted.status, 302);
  });

  test('a callback through a proxy on another port: no redirect, which would take the browser out of the proxy', async () => {
    // The port the proxy would listen on: never opened. A proxy may name the app by either name in Host (nginx
    // sends its proxy_pass address), so a page asked for as localhost may be the proxy's page on 127.0.0.1.
    const proxied = await startTestStack({ SF_CALLBACK_URL: 'https://127.0.0.1:9/oauthcallback.html' });
    try {
      const port = new URL(proxied.appUrl).port;
      const page = await new TestClient().get(`https://localhost:${port}/flows/web-server`);
      assert.equal(page.status, 200);
    } finally {
      await proxied.close();
    }
  });
});
