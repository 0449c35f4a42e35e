// A sign-in whose browser left before the answer (the callback page reloaded or closed while the code was
// exchanged): the login it made, under a session id no browser will send, ends, and its refresh token is revoked.
import assert from '../support/assert.ts';
import type { IncomingMessage } from 'node:http';
import { test } from 'node:test';
import { authorizeViaApp } from '../support/flows.ts';
import { whileHeld } from '../support/held-requests.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack } from '../support/stack.ts';

// Without the revoke the test can only end by its timeout: what it waits for never comes.
test(
  'a callback the browser left mid-exchange revokes the refresh token of the login it made',
  { timeout: 60_000 },
  async () => {
    const stack = await startTestStack();
    const emulator = stack.emulatorServer!.server;
    let revoked = () => {};
    const revoke = new Promise<void>((resolve) => (revoked = resolve));
    const seen = (req: IncomingMessage) => {
      if (req.method === 'POST' && req.url?.startsWith('/services/oauth2/revoke')) revoked();
    };
    // Listening before the hold starts: the hold passes every other path on to the emulator's listeners, this one too.
    emulator.on('request', seen);
    try {
      const client = new TestClient();
      const callbackUrl = await authorizeViaApp(stack, client, '/flows/web-server/start');
      await whileHeld(stack.emulatorServer!, '/services/oauth2/token', async (token) => {
        const leaving = new AbortController();
        const callback = client.request(callbackUrl, { signal: leaving.signal }).then(
          () => 'answered',
          () => 'left',
        );
        await token.arrived;
        leaving.abort();
        assert.equal(await callback, 'left');
        token.release();
      });
      await revoke;
      // The browser, still with the id it had, is told the sign-in's answer never reached it.
      assert.equal((await client.get(`${stack.appUrl}/result`)).headers.get('location'), '/result?retried=1');
      const page = await (await client.get(`${stack.appUrl}/result?retried=1`)).text();
      assert.match(page, /its answer never reached this browser/);
    } finally {
      emulator.off('request', seen);
      await stack.close();
    }
  },
);
