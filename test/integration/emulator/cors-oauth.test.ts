// CORS on the emulator's OAuth and OpenID endpoints, as Salesforce's "Enable CORS for OAuth Endpoints" documents:
// discovery and keys open to every origin; userinfo to allowlisted ones; token, revoke and introspect only with the
// box ticked, on My Domain, never on the generic login host.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { assertVariesByOrigin, crossOrigin, preflight, SPA_ORIGIN } from '../../support/cors.ts';
import { changeSettings } from '../../support/emulator-api.ts';
import { loginAndGetToken } from '../../support/emulator-login.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('emulator: CORS on the OAuth endpoints', () => {
  let stack: TestStack;
  let token: string;
  before(async () => {
    stack = await startTestStack({}, { emulatorOnly: true });
    token = (await loginAndGetToken(stack, { scope: 'openid api' })).access_token;
  });
  after(() => stack?.close());
  const clientCredentials = () => ({
    grant_type: 'client_credentials',
    client_id: stack.config.clientId,
    client_secret: stack.config.clientSecret ?? '',
  });

  test('opens the discovery document and the keys to every origin, on both hosts, with no allowlist', async () => {
    for (const host of [stack.emulatorUrl, stack.instanceUrl]) {
      for (const path of ['/.well-known/openid-configuration', '/id/keys']) {
        const call = await crossOrigin(`${host}${path}`, 'https://anyone.example.com');
        assert.equal(call.status, 200, `${host}${path}`);
        assert.equal(call.allowOrigin, 'https://anyone.example.com');
        assertVariesByOrigin(call);
        const check = await preflight(`${host}${path}`, 'https://anyone.example.com', 'GET', 'accept');
        assert.equal(check.status, 204);
        assert.equal(check.headers.get('access-control-allow-methods'), 'GET');
      }
    }
  });

  test('answers userinfo on My Domain for a listed origin only, never on the login host', async () => {
    const bearer = { authorization: `Bearer ${token}` };
    const userinfo = `${stack.instanceUrl}/services/oauth2/userinfo`;
    const unlisted = await crossOrigin(userinfo, SPA_ORIGIN, { headers: bearer });
    assert.equal(unlisted.allowOrigin, null, 'a page of an unlisted origin cannot read it');
    assertVariesByOrigin(unlisted);
    assert.equal((await preflight(userinfo, SPA_ORIGIN)).allowOrigin, null);
    await changeSettings(stack, { corsAllowedOrigins: SPA_ORIGIN });
    const check = await preflight(userinfo, SPA_ORIGIN);
    assert.equal(check.status, 204);
    assert.equal(check.allowOrigin, SPA_ORIGIN);
    assert.equal(check.headers.get('access-control-allow-methods'), 'GET, POST');
    const listed = await crossOrigin(userinfo, SPA_ORIGIN, { headers: bearer });
    assert.equal(listed.status, 200);
    assert.equal(listed.allowOrigin, SPA_ORIGIN);
    const loginHost = await crossOrigin(`${stack.emulatorUrl}/services/oauth2/userinfo`, SPA_ORIGIN, {
      headers: bearer,
    });
    assert.equal(loginHost.status, 200);
    assert.equal(loginHost.allowOrigin, null);
  });

  test('keeps the token endpoint closed to other origins until "Enable CORS for OAuth endpoints"', async () => {
    await changeSettings(stack, { corsAllowedOrigins: SPA_ORIGIN, corsOAuthEndpoints: undefined });
    const token = `${stack.instanceUrl}/services/oauth2/token`;
    assert.equal((await preflight(token, SPA_ORIGIN, 'POST', 'content-type')).allowOrigin, null);
    const closed = await crossOrigin(token, SPA_ORIGIN, { form: clientCredentials() });
    assert.equal(closed.allowOrigin, null);
    await changeSettings(stack, { corsOAuthEndpoints: 'on' });
    const check = await preflight(token, SPA_ORIGIN, 'POST', 'content-type');
    assert.equal(check.status, 204);
    assert.equal(check.allowOrigin, SPA_ORIGIN);
    assert.equal(check.headers.get('access-control-allow-methods'), 'POST');
    const open = await crossOrigin(token, SPA_ORIGIN, { form: clientCredentials() });
    assert.equal(open.allowOrigin, SPA_ORIGIN);
    assertVariesByOrigin(open);
    for (const path of ['/services/oauth2/revoke', '/services/oauth2/introspect']) {
      assert.equal(
        (await preflight(`${stack.instanceUrl}${path}`, SPA_ORIGIN, 'POST')).allowOrigin,
        SPA_ORIGIN,
      );
    }
    // Never on the generic login host; nor for an origin the allowlist does not hold (unconfirmed reading).
    const generic = await crossOrigin(`${stack.emulatorUrl}/services/oauth2/token`, SPA_ORIGIN, {
      form: clientCredentials(),
    });
    assert.equal(generic.allowOrigin, null);
    assert.equal(
      (await preflight(`${stack.emulatorUrl}/services/oauth2/token`, SPA_ORIGIN, 'POST')).allowOrigin,
      null,
    );
    assert.equal((await preflight(token, 'https://not-listed.example.com', 'POST')).allowOrigin, null);
  });

  test('never touches a request without Origin or from its own origin (the login and approval forms)', async () => {
    await changeSettings(stack, { corsAllowedOrigins: '', corsOAuthEndpoints: 'on' });
    const token = `${stack.instanceUrl}/services/oauth2/token`;
    for (const origin of [undefined, stack.instanceUrl]) {
      const call = await crossOrigin(token, origin, { form: clientCredentials() });
      assert.notEqual(call.status, 403, call.body);
      assert.equal(call.allowOrigin, null);
      assertVariesByOrigin(call);
    }
    const own = await crossOrigin(
      `${stack.instanceUrl}/services/oauth2/authorize?response_type=code`,
      stack.instanceUrl,
    );
    assert.notEqual(own.status, 403);
  });
});
