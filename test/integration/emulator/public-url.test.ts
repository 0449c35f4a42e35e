// The emulator with EMULATOR_PUBLIC_URL, reached through a loopback tunnel that passes the browser's Host on: what a
// browser opens names the tunnel, what this machine calls (issuer, token, identity) keeps the emulator's own address.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { changeSettings, postToken } from '../../support/emulator-api.ts';
import { authorizeInBrowser } from '../../support/emulator-login.ts';
import { TestClient } from '../../support/http.ts';
import { rawRequest } from '../../support/raw.ts';
import { startReverseProxy, type ReverseProxy } from '../../support/reverse-proxy.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

const claimsOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()) as Record<string, unknown>;

describe('emulator: its login host behind a public address (EMULATOR_PUBLIC_URL)', () => {
  let stack: TestStack;
  let tunnel: ReverseProxy;
  const json = async (url: string) =>
    (await new TestClient().get(url)).json() as Promise<Record<string, unknown>>;

  before(async () => {
    // On 127.0.0.1, My Domain's name, at a port of its own: the Host it passes on still names the login host.
    tunnel = await startReverseProxy({ host: '127.0.0.1' });
    stack = await startTestStack({
      SF_CALLBACK_URL: 'https://app.example.test/oauthcallback.html',
      EMULATOR_PUBLIC_URL: tunnel.url,
    });
    tunnel.target = stack.emulatorUrl;
  });
  after(async () => {
    await stack.close();
    await tunnel.close();
  });

  test('a user-agent login through the tunnel: its id_token names the login host as discovery does', async () => {
    const callback = await authorizeInBrowser(
      { emulatorUrl: tunnel.url, config: stack.config },
      { response_type: 'token id_token', scope: 'api openid', nonce: 'n-1' },
    );
    const fragment = new URLSearchParams(callback.hash.slice(1));
    const claims = claimsOf(fragment.get('id_token') ?? '');
    const discovery = await json(`${stack.emulatorUrl}/.well-known/openid-configuration`);
    // The one issuer a client checks against: what discovery on this machine says, whichever name the browser used.
    assert.equal(claims.iss, stack.emulatorUrl);
    assert.equal(discovery.issuer, stack.emulatorUrl);
    assert.equal(fragment.get('instance_url'), stack.instanceUrl, 'the API stays on My Domain');
    assert.ok(fragment.get('id')?.startsWith(`${stack.emulatorUrl}/id/`));
  });

  test('discovery sends the browser to the tunnel, and every call of a client to the emulator itself', async () => {
    for (const host of [stack.emulatorUrl, tunnel.url]) {
      const body = await json(`${host}/.well-known/openid-configuration`);
      assert.equal(body.authorization_endpoint, `${tunnel.url}/services/oauth2/authorize`);
      assert.equal(body.end_session_endpoint, `${tunnel.url}/services/auth/idp/oidc/logout`);
      assert.equal(body.token_endpoint, `${stack.emulatorUrl}/services/oauth2/token`);
      assert.equal(body.jwks_uri, `${stack.emulatorUrl}/id/keys`);
    }
    // My Domain has no public address: its own discovery stays on itself.
    const myDomain = await json(`${stack.instanceUrl}/.well-known/openid-configuration`);
    assert.equal(myDomain.authorization_endpoint, `${stack.instanceUrl}/services/oauth2/authorize`);
  });

  test("the device flow's verification_uri, asked at the login host, is the tunnel's page", async () => {
    await changeSettings(stack, { deviceFlowEnabled: 'on', appInstalled: 'on' });
    const { status, body } = await postToken(stack.emulatorUrl, {
      response_type: 'device_code',
      client_id: stack.config.clientId,
    });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.verification_uri, `${tunnel.url}/setup/connect`);
    const page = await new TestClient().get(String(body.verification_uri));
    assert.equal(page.status, 200, 'the page opens through the tunnel');
    // Its home page says where browsers open it.
    const home = await (await new TestClient().get(`${tunnel.url}/`)).text();
    assert.match(home, new RegExp(`browsers open its\\s+pages at <code>${tunnel.url}</code>`));
  });

  test('a forged Host or X-Forwarded-Host names neither itself nor a new address in any answer', async () => {
    const { host } = new URL(stack.emulatorUrl);
    for (const headers of <Record<string, string>[]>[
      { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
      { host, 'x-forwarded-host': 'evil.example', forwarded: 'host=evil.example' },
    ]) {
      const answer = await rawRequest(stack.emulatorUrl, '/.well-known/openid-configuration', { headers });
      assert.doesNotMatch(answer.body, /evil\.example/);
      assert.equal((JSON.parse(answer.body) as Record<string, string>).issuer, stack.emulatorUrl);
    }
  });
});
