// Contract tests for the emulator's two hosts: the generic login host and the org's My Domain.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { signAssertion } from '../../support/assertion.ts';
import { postToken } from '../../support/emulator-api.ts';
import { loginAndGetToken } from '../../support/emulator-login.ts';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('emulator: login host and My Domain', () => {
  let stack: TestStack;
  let tokens: Record<string, string>;
  const client = new TestClient();
  const json = async (url: string, headers: Record<string, string> = {}) => {
    const response = await client.get(url, headers);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & unknown[] };
  };

  before(async () => {
    stack = await startTestStack();
    tokens = await loginAndGetToken(stack, { scope: 'api refresh_token openid' });
  });
  after(() => stack.close());

  test('each host’s discovery document names itself as issuer and puts every endpoint on itself', async () => {
    for (const host of [stack.emulatorUrl, stack.instanceUrl]) {
      const { body } = await json(`${host}/.well-known/openid-configuration`);
      assert.equal(body.issuer, host);
      for (const [key, path] of [
        ['authorization_endpoint', '/services/oauth2/authorize'],
        ['token_endpoint', '/services/oauth2/token'],
        ['revocation_endpoint', '/services/oauth2/revoke'],
        ['userinfo_endpoint', '/services/oauth2/userinfo'],
        ['introspection_endpoint', '/services/oauth2/introspect'],
        ['end_session_endpoint', '/services/auth/idp/oidc/logout'],
        ['jwks_uri', '/id/keys'],
      ]) {
        assert.equal(body[key], `${host}${path}`, key);
      }
      assert.deepEqual(body.token_endpoint_auth_methods_supported, [
        'client_secret_post',
        'client_secret_basic',
        'private_key_jwt',
      ]);
      assert.deepEqual(body.response_types_supported, ['code', 'token', 'token id_token']);
    }
  });

  test('every token names My Domain as instance_url and the login host in id', () => {
    assert.equal(tokens.instance_url, stack.instanceUrl);
    assert.match(tokens.id, new RegExp(`^${stack.emulatorUrl}/id/00D5j00000PlAyGEAV/005`));
  });

  test('REST answers on My Domain; on the login host a token gets 401 INVALID_SESSION_ID', async () => {
    const path = '/services/data/v66.0/query?q=SELECT+Id+FROM+Account+LIMIT+1';
    const bearer = { authorization: `Bearer ${tokens.access_token}` };
    assert.equal((await json(`${stack.instanceUrl}${path}`, bearer)).status, 200);
    const wrongHost = await json(`${stack.emulatorUrl}${path}`, bearer);
    assert.equal(wrongHost.status, 401);
    assert.deepEqual(wrongHost.body, [
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
    ]);
    for (const host of [stack.emulatorUrl, stack.instanceUrl]) {
      const versions = await json(`${host}/services/data/`);
      assert.equal(versions.status, 200, 'the version list needs no session, on either host');
      assert.ok(versions.body.some((v) => (v as { version: string }).version === '66.0'));
    }
  });

  test('the identity URL and userinfo answer on both hosts', async () => {
    const bearer = { authorization: `Bearer ${tokens.access_token}` };
    for (const host of [stack.emulatorUrl, stack.instanceUrl]) {
      const userinfo = await json(`${host}/services/oauth2/userinfo`, bearer);
      assert.equal(userinfo.body.sub, tokens.id);
      const idPath = new URL(tokens.id).pathname;
      const identity = await json(`${host}${idPath}`, bearer);
      assert.equal(identity.body.username, stack.config.username);
      assert.equal(
        (identity.body.urls as Record<string, string>).rest,
        `${stack.instanceUrl}/services/data/v{version}/`,
        'API URLs are on the instance',
      );
    }
  });

  test('an id_token names as issuer the host its token request went to', async () => {
    const issuerOf = (idToken: string) =>
      JSON.parse(Buffer.from(idToken.split('.')[1], 'base64url').toString()).iss as string;
    assert.equal(issuerOf(tokens.id_token), stack.emulatorUrl);
    const refreshed = await postToken(stack.instanceUrl, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: stack.config.clientId,
      client_secret: stack.config.clientSecret ?? '',
    });
    assert.equal(issuerOf(refreshed.body.id_token as string), stack.instanceUrl);
  });

  test('JWT bearer: aud is the login host even at My Domain; the My Domain URL as aud is audience is invalid', async () => {
    const jwt = (aud: string) =>
      postToken(stack.instanceUrl, {
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: signAssertion({ iss: stack.config.clientId, sub: stack.config.username, aud }),
      });
    const good = await jwt(stack.emulatorUrl);
    assert.equal(good.status, 200, JSON.stringify(good.body));
    assert.equal(good.body.instance_url, stack.instanceUrl);
    assert.deepEqual((await jwt(stack.instanceUrl)).body, {
      error: 'invalid_grant',
      error_description: 'audience is invalid',
    });
  });
});
