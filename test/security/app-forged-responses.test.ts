// Forged token responses: a made-up user-agent fragment, one pointing at another host, one without or with a
// borrowed id_token, and token endpoint answers naming another host. All are refused, and the "evil host" (a
// real HTTPS listener the app would trust) never receives a single connection.
import assert from '../support/assert.ts';
import { after, afterEach, before, describe, test } from 'node:test';
import { assertStillServing } from '../support/attacks.ts';
import { startEvilHost, type EvilHost } from '../support/evil-host.ts';
import { EmulatorFaults } from '../support/faults.ts';
import { TestClient } from '../support/http.ts';
import { authorizeViaApp, postForm, runUserAgentFlow, runWebServerFlow } from '../support/flows.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { accessTokenHash } from '../../server/flows/idToken.ts';

const UNTRUSTED_HOST = '<h3>The token response points at a host that is not the org</h3>';

describe('forged token responses', () => {
  let stack: TestStack;
  let evil: EvilHost;
  let faults: EmulatorFaults;
  before(async () => {
    [stack, evil] = await Promise.all([startTestStack(), startEvilHost()]);
    faults = new EmulatorFaults(stack.emulatorServer!);
    await runWebServerFlow(stack, new TestClient()); // approved once, so the JWT flow reaches the token step
  });
  afterEach(async () => {
    await faults.restore();
    await assertStillServing(stack, new TestClient());
    assert.equal(evil.connections, 0, 'nothing ever reached the evil host');
    assert.deepEqual(evil.requests, []);
  });
  after(async () => {
    await Promise.all([stack.close(), evil.close()]);
  });

  /** Runs the user-agent flow with the fragment rewritten, and returns the flow page for that browser. */
  const forgeFragment = async (client: TestClient, rewrite: (fragment: URLSearchParams) => void) => {
    const redirect = await runUserAgentFlow(stack, client, {}, (fragment) => {
      const params = new URLSearchParams(fragment);
      rewrite(params);
      return params.toString();
    });
    assert.equal(redirect, '/flows/user-agent#teaching-heading');
    assert.equal((await client.get(`${stack.appUrl}/result`)).status, 401, 'not signed in');
    return (await client.get(`${stack.appUrl}/flows/user-agent`)).text();
  };
  const errorOf = (html: string) => /<div class="error-box"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';

  test('a made-up access_token without signature or id_token is refused (signature_mismatch)', async () => {
    const box = errorOf(
      await forgeFragment(new TestClient(), (fragment) => {
        const state = fragment.get('state') ?? '';
        for (const name of [...fragment.keys()]) fragment.delete(name);
        fragment.set('access_token', '00D5j00000PlAyG!AQEAMadeUpTokenValue');
        fragment.set('instance_url', stack.emulatorUrl);
        fragment.set('id', `${stack.emulatorUrl}/id/00D5j00000PlAyGEAV/0055j00000AdMiNAAV`);
        fragment.set('state', state);
      }),
    );
    assert.ok(
      box.includes(
        '<code>signature_mismatch</code>: <code>The response carries no signature and issued_at.</code>',
      ),
      box,
    );
  });

  for (const field of ['instance_url', 'id'] as const) {
    test(`a fragment whose ${field} names another host is refused (untrusted_host), nothing is sent there`, async () => {
      const html = await forgeFragment(new TestClient(), (fragment) => {
        fragment.set(
          field,
          field === 'id' ? `${evil.url}/id/00D5j00000PlAyGEAV/0055j00000AdMiNAAV` : evil.url,
        );
      });
      const box = errorOf(html);
      assert.ok(box.includes(UNTRUSTED_HOST), box);
      assert.ok(box.includes(`<code>untrusted_host</code>: <code>${evil.url}`));
      assert.match(html, /Failed: host check \(instance_url and id\)/);
    });
  }

  for (const instanceUrl of ['not a url', 'javascript:alert(1)']) {
    test(`a fragment whose instance_url is "${instanceUrl}" is refused as untrusted_host`, async () => {
      const box = errorOf(
        await forgeFragment(new TestClient(), (fragment) => fragment.set('instance_url', instanceUrl)),
      );
      assert.ok(box.includes(UNTRUSTED_HOST), box);
    });
  }

  test('a fragment without id_token, although openid was requested, is refused', async () => {
    const box = errorOf(await forgeFragment(new TestClient(), (fragment) => fragment.delete('id_token')));
    assert.ok(
      box.includes('<code>id_token_invalid</code>: <code>openid was requested, but no id_token came.</code>'),
      box,
    );
    // Explained as a missing id_token, not as a signature that failed.
    assert.match(box, /<h3>No id_token came back<\/h3>/);
    assert.match(box, /refused at the authorize step \(invalid_scope\)/);
  });

  test("an id_token from another login with this login's access_token is refused by at_hash", async () => {
    const other = new URL(await authorizeViaApp(stack, new TestClient(), '/flows/user-agent/start'));
    const borrowed = new URLSearchParams(other.hash.slice(1));
    const box = errorOf(
      await forgeFragment(new TestClient(), (fragment) =>
        fragment.set('id_token', borrowed.get('id_token') ?? ''),
      ),
    );
    const hash = accessTokenHash(borrowed.get('access_token') ?? '');
    assert.ok(
      box.includes(
        `<code>id_token_invalid</code>: <code>at_hash is ${hash}, not the hash of the access token it came with.</code>`,
      ),
      box,
    );
  });

  /** A token endpoint answer pointing at the evil host, with everything else a real one has. */
  const forgedTokenResponse = () =>
    JSON.stringify({
      access_token: '00D5j00000PlAyG!AQEAForgedTokenValue',
      instance_url: evil.url,
      id: `${evil.url}/id/00D5j00000PlAyGEAV/0055j00000AdMiNAAV`,
      token_type: 'Bearer',
      issued_at: String(Date.now()),
      signature: 'AAAA',
      id_token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.AAAA',
      scope: 'api refresh_token openid',
    });

  test('web server flow: a token response naming another host is refused, nothing is sent there', async () => {
    const client = new TestClient();
    const callbackUrl = await authorizeViaApp(stack, client, '/flows/web-server/start');
    faults.answer(200, 'application/json', forgedTokenResponse(), '/services/oauth2/token');
    const callback = await client.get(callbackUrl);
    assert.equal(callback.headers.get('location'), '/flows/web-server#teaching-heading');
    assert.deepEqual(faults.seen, ['POST /services/oauth2/token']);
    assert.ok(
      errorOf(await (await client.get(`${stack.appUrl}/flows/web-server`)).text()).includes(UNTRUSTED_HOST),
    );
    assert.equal((await client.get(`${stack.appUrl}/result`)).status, 401);
  });

  test('JWT flow: a token response naming another host is refused, nothing is sent there', async () => {
    const client = new TestClient();
    faults.answer(200, 'application/json', forgedTokenResponse(), '/services/oauth2/token');
    const run = await postForm(stack, client, '/flows/jwt', '/flows/jwt');
    assert.equal(run.headers.get('location'), '/flows/jwt#teaching-heading');
    assert.ok(errorOf(await (await client.get(`${stack.appUrl}/flows/jwt`)).text()).includes(UNTRUSTED_HOST));
    assert.equal((await client.get(`${stack.appUrl}/result`)).status, 401);
  });
});
