// Contract tests for the identity URL and userinfo (Salesforce's full field lists, `version`, `format` and
// Accept), the discovery document's auth methods, and the token endpoint's `format` and Accept.
import assert from '../../support/assert.ts';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { authorizeInBrowser, loginAndGetToken } from '../../support/emulator-login.ts';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';
import { NEWEST_VERSION } from '../../../server/emulator/rest/versions.ts';

// prettier-ignore
const IDENTITY_KEYS = [
  'id', 'asserted_user', 'user_id', 'organization_id', 'username', 'nick_name', 'display_name', 'email',
  'email_verified', 'first_name', 'last_name', 'timezone', 'photos', 'addr_street', 'addr_city', 'addr_state',
  'addr_country', 'addr_zip', 'mobile_phone', 'mobile_phone_verified', 'is_lightning_login_user', 'status', 'urls',
  'active', 'user_type', 'language', 'locale', 'utcOffset', 'last_modified_date', 'is_app_installed',
];
// prettier-ignore
const USERINFO_KEYS = [
  'sub', 'user_id', 'organization_id', 'preferred_username', 'nickname', 'name', 'email', 'email_verified',
  'given_name', 'family_name', 'zoneinfo', 'photos', 'profile', 'picture', 'address',
  'is_salesforce_integration_user', 'urls', 'active', 'user_type', 'language', 'locale', 'utcOffset', 'updated_at',
  'is_app_installed',
];
// prettier-ignore
const URL_KEYS = [
  'enterprise', 'metadata', 'partner', 'rest', 'sobjects', 'search', 'query', 'recent', 'tooling_soap',
  'tooling_rest', 'profile', 'feeds', 'groups', 'users', 'feed_items', 'feed_elements', 'custom_domain',
];

describe('emulator: identity documents, discovery and token formats', () => {
  let stack: TestStack;
  let tokens: Record<string, string>;
  const client = new TestClient();
  const get = (url: string, headers: Record<string, string> = {}) =>
    client.get(url, { authorization: `Bearer ${tokens.access_token}`, ...headers });

  before(async () => {
    stack = await startTestStack();
    tokens = await loginAndGetToken(stack, { scope: 'api openid refresh_token' });
  });
  after(() => stack.close());

  test('serves the identity URL with Salesforce full field list and {version} in its API URLs', async () => {
    const response = await get(tokens.id);
    const body = (await response.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), IDENTITY_KEYS);
    const urls = body.urls as Record<string, string>;
    assert.deepEqual(Object.keys(urls), URL_KEYS);
    assert.equal(urls.rest, `${stack.instanceUrl}/services/data/v{version}/`);
    assert.equal(urls.enterprise, `${stack.instanceUrl}/services/Soap/c/{version}/00D5j00000PlAyG`);
    assert.deepEqual(Object.keys(body.status as object), ['created_date', 'body']);
    assert.equal(body.utcOffset, -28800000);
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });

  test('says asserted_user true for the token’s own identity only, false for another user’s', async () => {
    const own = (await (await get(tokens.id)).json()) as Record<string, unknown>;
    assert.equal(own.asserted_user, true);
    const otherUrl = tokens.id.replace(/005[A-Za-z0-9]+$/, '0055j00000StAnDAAV');
    const other = (await (await get(otherUrl)).json()) as Record<string, unknown>;
    assert.equal(other.user_id, '0055j00000StAnDAAV');
    assert.equal(other.asserted_user, false);
    // An identity URL saved when the ids had a wrong suffix still names the same org and user (15 characters).
    const saved = tokens.id.replace(
      '00D5j00000PlAyGEAV/0055j00000AdMiNAAV',
      '00D5j00000PlAyGEAE/0055j00000AdMiNAAU',
    );
    assert.notEqual(saved, tokens.id);
    assert.equal((await get(saved)).status, 200);
    assert.equal((await get(tokens.id.replace('PlAyG', 'PlAyX'))).status, 404, 'another org is Bad_Id');
  });

  test('puts the newest version, or the one asked for, into the API URLs', async () => {
    const latest = (await (await get(`${tokens.id}?version=latest`)).json()) as {
      urls: Record<string, string>;
    };
    assert.equal(latest.urls.query, `${stack.instanceUrl}/services/data/v${NEWEST_VERSION}.0/query/`);
    const older = (await (await get(`${tokens.id}?version=62.0`)).json()) as { urls: Record<string, string> };
    assert.equal(older.urls.sobjects, `${stack.instanceUrl}/services/data/v62.0/sobjects/`);
  });

  test('answers in XML or form encoding when format= or the Accept header asks for it', async () => {
    const xml = await get(`${tokens.id}?format=xml`);
    assert.match(xml.headers.get('content-type') ?? '', /^application\/xml/);
    const text = await xml.text();
    assert.match(
      text,
      /^<\?xml version="1\.0" encoding="UTF-8"\?><user xmlns:xsi="http:\/\/www\.w3\.org\/2001\/XMLSchema-instance">/,
    );
    assert.match(text, new RegExp(`<username>${stack.config.username}</username>`));
    assert.match(text, /<addr_street xsi:nil="true"\/>/);
    const accepted = await get(tokens.id, { accept: 'text/html, application/xml;q=0.9' });
    assert.match(accepted.headers.get('content-type') ?? '', /^application\/xml/);
    const form = await get(tokens.id, { accept: 'application/x-www-form-urlencoded' });
    const fields = new URLSearchParams(await form.text());
    assert.equal(fields.get('username'), stack.config.username);
    assert.equal(fields.get('photos.thumbnail'), `${stack.instanceUrl}/profilephoto/005/T`);
    const anything = await get(tokens.id, { accept: '*/*' });
    assert.match(anything.headers.get('content-type') ?? '', /^application\/json/);
  });

  test('serves userinfo with the OpenID-style full field list', async () => {
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

  test('answers userinfo and the identity URL to GET and POST only: 405 naming both for any other method', async () => {
    const authorization = `Bearer ${tokens.access_token}`;
    for (const url of [`${stack.emulatorUrl}/services/oauth2/userinfo`, tokens.id]) {
      const posted = await client.request(url, { method: 'POST', headers: { authorization } });
      assert.equal(posted.status, 200, url);
      for (const method of ['DELETE', 'PUT', 'PATCH']) {
        const refused = await client.request(url, { method, headers: { authorization } });
        assert.equal(refused.status, 405, `${method} ${url}`);
        assert.equal(refused.headers.get('allow'), 'GET, POST');
        assert.equal(await refused.text(), '');
      }
    }
  });

  test('lists client_secret_basic and an end_session_endpoint in discovery', async () => {
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

  test('answers the token endpoint form-encoded with format=urlencoded, refusals included', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const callback = await authorizeInBrowser(stack, {
      response_type: 'code',
      scope: 'api refresh_token',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    });
    const form = {
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code') ?? '',
      client_id: stack.config.clientId,
      client_secret: stack.config.clientSecret ?? '',
      redirect_uri: stack.config.callbackUrl,
      code_verifier: verifier,
      format: 'urlencoded',
    };
    const response = await client.post(`${stack.emulatorUrl}/services/oauth2/token`, form);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/x-www-form-urlencoded/);
    const fields = new URLSearchParams(await response.text());
    assert.match(fields.get('access_token') ?? '', /^00D5j00000PlAyG!/);
    assert.equal(fields.get('instance_url'), stack.instanceUrl);
    assert.equal(fields.get('token_type'), 'Bearer');
    const again = await client.post(`${stack.emulatorUrl}/services/oauth2/token`, form);
    assert.equal(again.status, 400);
    assert.equal(await again.text(), 'error=invalid_grant&error_description=expired+authorization+code');
  });

  test('answers the token endpoint in XML or form encoding when the Accept header asks, unless format= says', async () => {
    const token = (form: Record<string, string>, accept: string) =>
      client.post(`${stack.emulatorUrl}/services/oauth2/token`, form, { accept });
    const refresh = {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: stack.config.clientId,
      client_secret: stack.config.clientSecret ?? '',
    };
    const xml = await token(refresh, 'application/xml');
    assert.equal(xml.status, 200);
    assert.match(xml.headers.get('content-type') ?? '', /^application\/xml/);
    assert.match(
      await xml.text(),
      /^<\?xml [^>]+\?><OAuth [^>]*><access_token>00D5j00000PlAyG!.+<\/access_token>.*<token_type>Bearer<\/token_type>/,
    );
    const spent = { ...refresh, refresh_token: 'not-a-refresh-token' };
    const form = await token(spent, 'application/x-www-form-urlencoded');
    assert.equal(form.status, 400);
    assert.equal(await form.text(), 'error=invalid_grant&error_description=expired+access%2Frefresh+token');
    const xmlRefusal = await token({ ...spent, format: 'xml' }, 'application/json');
    assert.equal(xmlRefusal.status, 400);
    assert.match(
      await xmlRefusal.text(),
      /<error>invalid_grant<\/error><error_description>expired access\/refresh token<\/error_description>/,
    );
    const json = await token({ ...spent, format: 'json' }, 'application/xml');
    assert.match(json.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(await json.json(), {
      error: 'invalid_grant',
      error_description: 'expired access/refresh token',
    });
    const anything = await token(spent, '*/*');
    assert.match(anything.headers.get('content-type') ?? '', /^application\/json/);
  });
});
