// Contract tests for the identity URL: Salesforce's full field list with {version} in its API URLs, asserted_user,
// the version put into those URLs, XML or form encoding when `format` or the Accept header asks, and JSONP.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { signedInStack } from '../../support/signed-in-stack.ts';
import { NEWEST_VERSION } from '../../../server/emulator/rest/versions.ts';

// prettier-ignore
const IDENTITY_KEYS = [
  'id', 'asserted_user', 'user_id', 'organization_id', 'username', 'nick_name', 'display_name', 'email',
  'email_verified', 'first_name', 'last_name', 'timezone', 'photos', 'addr_street', 'addr_city', 'addr_state',
  'addr_country', 'addr_zip', 'mobile_phone', 'mobile_phone_verified', 'is_lightning_login_user', 'status', 'urls',
  'active', 'user_type', 'language', 'locale', 'utcOffset', 'last_modified_date', 'is_app_installed',
];
// prettier-ignore
const URL_KEYS = [
  'enterprise', 'metadata', 'partner', 'rest', 'sobjects', 'search', 'query', 'recent', 'tooling_soap',
  'tooling_rest', 'profile', 'feeds', 'groups', 'users', 'feed_items', 'feed_elements', 'custom_domain',
];

describe('emulator: identity documents, discovery and token formats', () => {
  const signedIn = signedInStack();
  const { get } = signedIn;

  test('serves the identity URL with Salesforce full field list and {version} in its API URLs', async () => {
    const { stack, tokens } = signedIn;
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
    const { tokens } = signedIn;
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
    const { stack, tokens } = signedIn;
    const latest = (await (await get(`${tokens.id}?version=latest`)).json()) as {
      urls: Record<string, string>;
    };
    assert.equal(latest.urls.query, `${stack.instanceUrl}/services/data/v${NEWEST_VERSION}.0/query/`);
    const older = (await (await get(`${tokens.id}?version=62.0`)).json()) as { urls: Record<string, string> };
    assert.equal(older.urls.sobjects, `${stack.instanceUrl}/services/data/v62.0/sobjects/`);
  });

  test('answers in XML or form encoding when format= or the Accept header asks for it', async () => {
    const { stack, tokens } = signedIn;
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

  // Salesforce Help "Identity URLs" (xcloud.remoteaccess_using_openid) and the Mobile SDK guide's "Using Identity
  // URLs" list `callback`: a JavaScript function name that wraps JSON output (JSONP).
  test('wraps the JSON answer in the function that callback= names, and only JSON', async () => {
    const { stack, tokens } = signedIn;
    const wrapped = await get(`${tokens.id}?callback=showUser`);
    assert.equal(wrapped.status, 200);
    assert.match(wrapped.headers.get('content-type') ?? '', /^application\/javascript/);
    const script = await wrapped.text();
    const inner = /^showUser\((.*)\)$/s.exec(script);
    assert.ok(inner, script.slice(0, 80));
    assert.equal((JSON.parse(inner[1]) as { username: string }).username, stack.config.username);
    const xml = await get(`${tokens.id}?callback=showUser&format=xml`);
    assert.match(xml.headers.get('content-type') ?? '', /^application\/xml/);
    // A name that is not a plain JavaScript name is never echoed into a script: the plain JSON answer comes back.
    const hostile = await get(`${tokens.id}?callback=${encodeURIComponent('alert(1);x')}`);
    assert.match(hostile.headers.get('content-type') ?? '', /^application\/json/);
  });
});
