// Contract tests for refresh, revoke, identity, userinfo, introspection, discovery, id_token and expiry.
import assert from '../../support/assert.ts';
import { createPublicKey, createVerify } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { loginAndGetToken } from '../../support/emulator-login.ts';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('emulator: token lifecycle and identity', () => {
  let stack: TestStack;
  let clock = Date.now();
  const client = new TestClient();
  const post = (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    client.post(`${stack.emulatorUrl}${path}`, form, headers);
  const query = (token: string) =>
    client.get(`${stack.instanceUrl}/services/data/v66.0/query?q=SELECT+Id+FROM+Account+LIMIT+1`, {
      authorization: `Bearer ${token}`,
    });

  before(async () => {
    // Now, not when the file was loaded: a group loads every file first, and real clients check real time.
    clock = Date.now();
    stack = await startTestStack({ EMULATOR_SESSION_MINUTES: '5' }, { now: () => clock });
  });
  after(() => stack.close());

  test('refreshes without returning a new refresh token, and refuses a wrong secret', async () => {
    const tokens = await loginAndGetToken(stack);
    const refreshed = await post('/services/oauth2/token', {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: stack.config.clientId,
      client_secret: stack.config.clientSecret ?? '',
    });
    const body = (await refreshed.json()) as Record<string, string>;
    assert.equal(refreshed.status, 200);
    assert.deepEqual(Object.keys(body), [
      'access_token',
      'signature',
      'scope',
      'id_token',
      'instance_url',
      'id',
      'token_type',
      'issued_at',
    ]);
    const wrong = await post('/services/oauth2/token', {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: stack.config.clientId,
      client_secret: 'nope',
    });
    assert.deepEqual(await wrong.json(), {
      error: 'invalid_client',
      error_description: 'invalid client credentials',
    });
  });

  test('revokes a refresh token with its access tokens; errors are form-encoded', async () => {
    const tokens = await loginAndGetToken(stack);
    assert.equal((await query(tokens.access_token)).status, 200);
    const revoked = await post('/services/oauth2/revoke', { token: tokens.refresh_token });
    assert.equal(revoked.status, 200);
    assert.equal(await revoked.text(), '');
    const afterRevoke = await query(tokens.access_token);
    assert.equal(afterRevoke.status, 401);
    assert.deepEqual(await afterRevoke.json(), [
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
    ]);
    const again = await post('/services/oauth2/revoke', { token: tokens.refresh_token });
    assert.equal(again.status, 400);
    assert.match(again.headers.get('content-type') ?? '', /^application\/x-www-form-urlencoded/);
    assert.equal(await again.text(), 'error=invalid_token&error_description=invalid%20token');
    const refresh = await post('/services/oauth2/token', {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
      client_id: stack.config.clientId,
      client_secret: stack.config.clientSecret ?? '',
    });
    assert.deepEqual(await refresh.json(), {
      error: 'invalid_grant',
      error_description: 'expired access/refresh token',
    });
  });

  test('answers revoke with another method than GET or POST with a 405 naming the two, revoking nothing', async () => {
    const tokens = await loginAndGetToken(stack);
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const answer = await new TestClient().request(`${stack.emulatorUrl}/services/oauth2/revoke`, {
        method,
        body: new URLSearchParams({ token: tokens.refresh_token }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(answer.status, 405, method);
      assert.equal(answer.headers.get('allow'), 'GET, POST');
    }
    assert.equal((await query(tokens.access_token)).status, 200);
  });

  test('revokes through JSONP with GET and callback=, never echoing a callback that is not a plain name', async () => {
    const tokens = await loginAndGetToken(stack);
    const revoke = (token: string, callback: string) =>
      client.get(`${stack.emulatorUrl}/services/oauth2/revoke?${new URLSearchParams({ token, callback })}`);
    const done = await revoke(tokens.access_token, 'app.revoked');
    assert.equal(done.status, 200);
    assert.match(done.headers.get('content-type') ?? '', /^application\/javascript/);
    assert.equal(await done.text(), 'app.revoked({})');
    assert.equal(done.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.equal((await query(tokens.access_token)).status, 401);
    const again = await revoke(tokens.access_token, 'app.revoked');
    assert.equal(again.status, 200);
    assert.equal(await again.text(), 'app.revoked({"error":"invalid_token"})');
    for (const hostile of ['alert(1);x', 'a b', '1abc', `x${'y'.repeat(64)}`]) {
      const plain = await revoke('not-a-token', hostile);
      assert.equal(plain.status, 400, hostile);
      assert.equal(await plain.text(), 'error=invalid_token&error_description=invalid%20token', hostile);
    }
  });

  test('expires access tokens after the session timeout', async () => {
    const tokens = await loginAndGetToken(stack);
    clock += 6 * 60 * 1000;
    const response = await query(tokens.access_token);
    assert.equal(response.status, 401);
    assert.deepEqual(await response.json(), [
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
    ]);
  });

  test('serves the identity URL and userinfo, and answers a bad token with 403 Bad_OAuth_Token', async () => {
    const tokens = await loginAndGetToken(stack);
    const identity = await client.get(tokens.id, { authorization: `Bearer ${tokens.access_token}` });
    const me = (await identity.json()) as Record<string, unknown>;
    assert.equal(me.username, stack.config.username);
    assert.equal(me.user_id, '0055j00000AdMiNAAV');
    assert.equal(
      (me.urls as Record<string, string>).query,
      `${stack.instanceUrl}/services/data/v{version}/query/`,
    );
    const viaParam = await client.get(`${tokens.id}?oauth_token=${encodeURIComponent(tokens.access_token)}`);
    assert.equal(viaParam.status, 200);
    const userinfo = (await (
      await client.get(`${stack.emulatorUrl}/services/oauth2/userinfo`, {
        authorization: `Bearer ${tokens.access_token}`,
      })
    ).json()) as Record<string, unknown>;
    assert.equal(userinfo.preferred_username, stack.config.username);
    for (const url of [tokens.id, `${stack.emulatorUrl}/services/oauth2/userinfo`]) {
      const bad = await client.get(url, { authorization: 'Bearer garbage' });
      assert.equal(bad.status, 403);
      assert.equal(await bad.text(), 'Bad_OAuth_Token');
    }
  });

  test('introspects active and unknown tokens for an authenticated client', async () => {
    const tokens = await loginAndGetToken(stack);
    const basic = `Basic ${Buffer.from(`${stack.config.clientId}:${stack.config.clientSecret}`).toString('base64')}`;
    const active = (await (
      await post(
        '/services/oauth2/introspect',
        { token: tokens.access_token, token_type_hint: 'access_token' },
        { authorization: basic },
      )
    ).json()) as Record<string, unknown>;
    assert.equal(active.active, true);
    assert.equal(active.username, stack.config.username);
    assert.equal(active.exp, Math.floor(clock / 1000) + 300);
    assert.deepEqual(
      await (
        await post('/services/oauth2/introspect', {
          token: 'nope',
          client_id: stack.config.clientId,
          client_secret: stack.config.clientSecret ?? '',
        })
      ).json(),
      { active: false },
    );
    const refused = await post('/services/oauth2/introspect', {
      token: 'nope',
      client_id: stack.config.clientId,
      client_secret: 'wrong',
    });
    assert.deepEqual(await refused.json(), {
      error: 'invalid_client',
      error_description: 'invalid client credentials',
    });
  });

  test('publishes discovery and keys that verify the id_token', async () => {
    const discovery = (await (
      await client.get(`${stack.emulatorUrl}/.well-known/openid-configuration`)
    ).json()) as Record<string, string>;
    assert.equal(discovery.issuer, stack.emulatorUrl);
    assert.equal(discovery.jwks_uri, `${stack.emulatorUrl}/id/keys`);
    const { keys } = (await (await client.get(discovery.jwks_uri)).json()) as {
      keys: Record<string, string>[];
    };
    const tokens = await loginAndGetToken(stack);
    const [header, payload, signature] = tokens.id_token.split('.');
    const kid = JSON.parse(Buffer.from(header, 'base64url').toString()).kid;
    const jwk = keys.find((key) => key.kid === kid);
    assert.ok(jwk);
    const publicKey = createPublicKey({
      key: jwk as unknown as import('node:crypto').JsonWebKey,
      format: 'jwk',
    });
    assert.ok(
      createVerify('RSA-SHA256')
        .update(`${header}.${payload}`)
        .verify(publicKey, Buffer.from(signature, 'base64url')),
    );
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    assert.equal(claims.aud, stack.config.clientId);
    assert.equal(claims.sub, tokens.id);
    assert.equal(claims.exp - claims.iat, 120);
  });
});
