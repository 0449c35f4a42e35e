// Contract tests for userinfo (the OpenID-style full field list), the methods it and the identity URL answer, and the
// whole discovery document on both hosts.
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
// prettier-ignore
const DISCOVERY_KEYS = [
  'end_session_endpoint', 'frontchannel_logout_supported', 'frontchannel_logout_session_supported', 'issuer',
  'authorization_endpoint', 'token_endpoint', 'revocation_endpoint', 'userinfo_endpoint', 'jwks_uri',
  'registration_endpoint', 'introspection_endpoint', 'scopes_supported', 'response_types_supported',
  'subject_types_supported', 'id_token_signing_alg_values_supported', 'display_values_supported',
  'token_endpoint_auth_methods_supported', 'code_challenge_methods_supported', 'claims_supported',
];
// prettier-ignore
const SCOPES_SUPPORTED = [
  'cdp_ingest_api', 'custom_permissions', 'cdp_segment_api', 'content', 'cdp_api', 'chatbot_api',
  'cdp_identityresolution_api', 'interaction_api', 'wave_api', 'web', 'cdp_calculated_insight_api',
  'einstein_gpt_api', 'offline_access', 'id', 'api', 'eclair_api', 'email', 'pardot_api', 'lightning',
  'visualforce', 'cdp_query_api', 'sfap_api', 'address', 'openid', 'profile', 'cdp_profile_api', 'refresh_token',
  'phone', 'user_registration_api', 'pwdless_login_api', 'chatter_api', 'full', 'forgot_password',
];
// prettier-ignore
const CLAIMS_SUPPORTED = [
  'active', 'address', 'email', 'email_verified', 'family_name', 'given_name', 'is_app_installed', 'language',
  'locale', 'name', 'nickname', 'organization_id', 'phone_number', 'phone_number_verified', 'photos', 'picture',
  'preferred_username', 'profile', 'sub', 'updated_at', 'urls', 'user_id', 'user_type', 'zoneinfo',
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

  test('serves the captured discovery document on each host: its keys and arrays, no grant_types_supported', async () => {
    const { stack } = signedIn;
    for (const host of [stack.emulatorUrl, stack.instanceUrl]) {
      const discovery = (await (
        await client.get(`${host}/.well-known/openid-configuration`)
      ).json()) as Record<string, unknown>;
      // Salesforce's 2023 capture (wire reference, flows §8.3), with the PKCE methods added since then.
      assert.deepEqual(Object.keys(discovery), DISCOVERY_KEYS, host);
      assert.equal(discovery.issuer, host);
      assert.equal(discovery.end_session_endpoint, `${host}/services/auth/idp/oidc/logout`);
      assert.equal(discovery.registration_endpoint, `${host}/services/oauth2/register`);
      assert.equal(discovery.frontchannel_logout_supported, true);
      assert.equal(discovery.frontchannel_logout_session_supported, false);
      assert.deepEqual(discovery.scopes_supported, SCOPES_SUPPORTED);
      // No OpenID hybrid "code id_token"; no "mobile" display, though /authorize takes display=mobile.
      assert.deepEqual(discovery.response_types_supported, ['code', 'token', 'token id_token']);
      assert.deepEqual(discovery.subject_types_supported, ['public']);
      assert.deepEqual(discovery.id_token_signing_alg_values_supported, ['RS256']);
      assert.deepEqual(discovery.display_values_supported, ['page', 'popup', 'touch']);
      assert.deepEqual(discovery.token_endpoint_auth_methods_supported, [
        'client_secret_post',
        'client_secret_basic',
        'private_key_jwt',
      ]);
      assert.deepEqual(discovery.claims_supported, CLAIMS_SUPPORTED);
    }
  });
});
