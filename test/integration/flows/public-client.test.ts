// A public client (SF_CLIENT_SECRET set but empty) sends no secret; the app's "Require secret" decides the outcome,
// and the checks a secret would have made are shown as not made, with what vouches for the answer instead.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { saveSettings } from '../../support/emulator-setup.ts';
import { TestClient } from '../../support/http.ts';
import { runUserAgentFlow, runWebServerFlow } from '../../support/flows.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('web server flow as a public client', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack({ SF_CLIENT_SECRET: '' });
  });
  after(() => stack.close());

  test('is refused while the app requires a secret, with the "no secret was sent" explanation', async () => {
    const client = new TestClient();
    const { location } = await runWebServerFlow(stack, client);
    assert.equal(location, '/flows/web-server#teaching-heading');
    assert.equal(
      stack.emulator?.received.filter((r) => r.path === '/token').at(-1)?.params.client_secret,
      undefined,
    );
    const page = await (await client.get(`${stack.appUrl}/flows/web-server`)).text();
    assert.match(page, /The app requires a client secret, and none was sent/);
  });

  test('works with PKCE alone once "Require secret" is turned off on the emulator’s setup page', async () => {
    const saved = await saveSettings(stack, { policy: 'self-authorize', requireSecret: undefined });
    assert.equal(saved.status, 200);
    assert.match(saved.html, /Settings saved/);
    const client = new TestClient();
    assert.equal((await runWebServerFlow(stack, client)).location, '/result');
    const exchange = stack.emulator?.received.filter((r) => r.path === '/token').at(-1)?.params;
    assert.equal(exchange?.client_secret, undefined);
    assert.ok(exchange?.code_verifier);
    const page = await (await client.get(`${stack.appUrl}/result`)).text();
    assert.match(page, /the answer came straight from the token endpoint over TLS/);
  });

  test('the refresh page offers no switch that spoils a secret: a public client sends none, so they would change nothing', async () => {
    const client = new TestClient();
    assert.equal((await runWebServerFlow(stack, client)).location, '/result');
    const page = await (await client.get(`${stack.appUrl}/flows/refresh-token`)).text();
    assert.match(page, /name="faults" value="reuse-refresh-token"/, 'the break-it switches are shown');
    assert.doesNotMatch(page, /value="no-secret"|value="wrong-secret"/);
    // Nor can one be armed by hand: the page would list it among what the next attempt will do.
    const arm = async (fault: string) => {
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
      const armed = await client.post(`${stack.appUrl}/teaching/break-it`, {
        _csrf: csrf,
        flow: 'refresh-token',
        faults: fault,
      });
      assert.equal(armed.status, 303);
      const after = await (await client.get(`${stack.appUrl}/flows/refresh-token`)).text();
      return /<p class="notice armed"[^]*?<\/p>/.exec(after)?.[0] ?? 'nothing armed';
    };
    assert.match(
      await arm('revoked-refresh-token'),
      /Next attempt will:<\/strong> revoke the refresh token first/,
    );
    assert.equal(await arm('no-secret'), 'nothing armed');
  });

  test('the user-agent flow lists only the checks it made: no signature without a secret, and why', async () => {
    const client = new TestClient();
    assert.equal(await runUserAgentFlow(stack, client), '/result');
    const page = await (await client.get(`${stack.appUrl}/result`)).text();
    assert.match(page, /The page script posts the fragment: check state and nonce/);
    assert.doesNotMatch(page, /signature and nonce|PKCE and TLS protect/);
    assert.match(page, /cannot recompute the HMAC that shows the fragment came from Salesforce/);
  });
});
