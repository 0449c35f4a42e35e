// Contract tests for userinfo (the OpenID-style full field list), the methods it and the identity URL answer, and the
// discovery document's auth methods and endpoints.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { signedInStack } from '../../support/signed-in-stack.ts';
import { NEWEST_VERSION } from '../../../server/emulator/rest/versions.ts';

// prettier-ignore
const USERINFO_KEYS = [
  'sub', 'user_id', 'organization_id', 'preferred_username', 'nickname', 'name', 'email', 'email_verified',
  'given_name', 'family_name', 'zoneinfo', 'photos', 'profile', 'picture', 'address',
  'is_salesforce_integration_user', 'urls', 'active', 'user_type', 'language', 'locale', 'utcOffset', 'updated_at',
  'is_app_installed',
];
describe('emulator: identity documents, discovery and token formats', () => {
  const signedIn = signedInStack();
  const { client, get } = signedIn;

  test('serves userinfo with the OpenID-style full field list', async () => {
    const { stack, tokens } = signedIn;
    const response = await get(`${stack.emulatorUrl}/services/oauth2/userinfo?version=latest`);
    const body = (await response.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), USERINFO_KEYS);
    assert.equal(body.sub, tokens.id);
    assert.deepEqual(body.address, { country: 'US' });
    assert.equal(
      (body.urls as Record<string, string>).rest,
      `${stack.instanceUrl}/services/data/v${NEWEST_VERSION}.0/`,
    );
    const xml = await get(`${stack.emulatorUrl}/services/oauth2/userinfo?format=xml`);
    assert.match(await xml.text(), /<preferred_username>/);
  });

  test('answers userinfo and the identity URL to GET, HEAD and POST only: 405 naming them for any other method', async () => {
    const { stack, tokens } = signedIn;
    const authorization = `Bearer ${tokens.access_token}`;
    for (const url of [`${stack.emulatorUrl}/services/oauth2/userinfo`, tokens.id]) {
      const posted = await client.request(url, { method: 'POST', headers: { authorization } });
      assert.equal(posted.status, 200, url);
      // HEAD (curl -I, a link checker) gets the GET answer's status and type, without the document.
      const head = await client.request(url, { method: 'HEAD', headers: { authorization } });
      assert.equal(head.status, 200, `HEAD ${url}`);
      assert.match(head.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(await head.text(), '');
      const headBadToken = await client.request(url, {
        method: 'HEAD',
        headers: { authorization: 'Bearer x' },
      });
      assert.equal(headBadToken.status, 403, `HEAD ${url} with a bad token`);
      for (const method of ['DELETE', 'PUT', 'PATCH']) {
        const refused = await client.request(url, { method, headers: { authorization } });
        assert.equal(refused.status, 405, `${method} ${url}`);
        assert.equal(refused.headers.get('allow'), 'GET, HEAD, POST');
        assert.equal(await refused.text(), '');
      }
    }
  });

  test('lists client_secret_basic and an end_session_endpoint in discovery', async () => {
    const { stack } = signedIn;
    const discovery = (await (
      await client.get(`${stack.emulatorUrl}/.well-known/openid-configuration`)
    ).json()) as Record<string, unknown>;
    assert.deepEqual(discovery.token_endpoint_auth_methods_supported, [
      'client_secret_post',
      'client_secret_basic',
      'private_key_jwt',
    ]);
    assert.equal(discovery.end_session_endpoint, `${stack.emulatorUrl}/services/auth/idp/oidc/logout`);
    assert.equal(discovery.registration_endpoint, `${stack.emulatorUrl}/services/oauth2/register`);
    assert.deepEqual(discovery.response_types_supported, ['code', 'token', 'token id_token']);
    assert.ok((discovery.scopes_supported as string[]).includes('refresh_token'));
  });
});
