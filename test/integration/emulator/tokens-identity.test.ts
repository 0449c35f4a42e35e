// Contract tests for what a token is good for, and how long: expiry after the session timeout of idle time, the
// identity URL and userinfo, introspection, and discovery with keys that verify the id_token.
import assert from '../../support/assert.ts';
import { createPublicKey, createVerify } from 'node:crypto';
import { describe, test } from 'node:test';
import { loginAndGetToken } from '../../support/emulator-login.ts';
import { tokenStack } from '../../support/token-lifecycle.ts';

describe('emulator: token lifecycle and identity', () => {
  const lifecycle = tokenStack();
  const { client, post, query } = lifecycle;

  test('expires access tokens after the session timeout', async () => {
    const { stack } = lifecycle;
    const tokens = await loginAndGetToken(stack);
    lifecycle.clock += 6 * 60 * 1000;
    const response = await query(tokens.access_token);
    assert.equal(response.status, 401);
    assert.deepEqual(await response.json(), [
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
    ]);
  });

  test('counts the session timeout from the last use, in steps of half of it, as an org does', async () => {
    const { stack } = lifecycle;
    const tokens = await loginAndGetToken(stack);
    // Used every 2 minutes under a 5-minute timeout, 8 minutes in all: a use past half of it starts it again.
    for (let minute = 2; minute <= 8; minute += 2) {
      lifecycle.clock += 2 * 60 * 1000;
      assert.equal((await query(tokens.access_token)).status, 200, `used at minute ${minute}`);
    }
    // Introspection tells when it ends if unused from now: 5 minutes after the last use that counted (minute 8).
    const introspected = (await (
      await post('/services/oauth2/introspect', {
        token: tokens.access_token,
        client_id: stack.config.clientId,
        client_secret: stack.config.clientSecret ?? '',
      })
    ).json()) as Record<string, unknown>;
    assert.equal(introspected.exp, Math.floor(lifecycle.clock / 1000) + 300);
    // Used again a minute later, before half the timeout: nothing moves, so it ends at minute 13, used or not.
    lifecycle.clock += 60 * 1000;
    assert.equal((await query(tokens.access_token)).status, 200);
    lifecycle.clock += 4 * 60 * 1000 + 1000;
    assert.equal((await query(tokens.access_token)).status, 401, 'idle for the whole timeout');
  });

  test('serves the identity URL and userinfo, and answers a bad token with 403 Bad_OAuth_Token', async () => {
    const { stack } = lifecycle;
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
    // Salesforce Help "Query for User Information" (remoteaccess_using_userinfo_endpoint) takes the token in the
    // Authorization header or an oauth_token parameter, as the identity URL does.
    const userinfoViaParam = await client.get(
      `${stack.emulatorUrl}/services/oauth2/userinfo?oauth_token=${encodeURIComponent(tokens.access_token)}`,
    );
    assert.equal(userinfoViaParam.status, 200);
    assert.equal(((await userinfoViaParam.json()) as { sub: string }).sub, tokens.id);
    for (const url of [tokens.id, `${stack.emulatorUrl}/services/oauth2/userinfo`]) {
      const bad = await client.get(url, { authorization: 'Bearer garbage' });
      assert.equal(bad.status, 403);
      assert.equal(await bad.text(), 'Bad_OAuth_Token');
    }
  });

  test('introspects active and unknown tokens for an authenticated client', async () => {
    const { stack } = lifecycle;
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
    assert.equal(active.exp, Math.floor(lifecycle.clock / 1000) + 300);
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
    // No token at all is a malformed request (RFC 7662 2.1), not a question about an inactive one.
    const missing = await post('/services/oauth2/introspect', {
      client_id: stack.config.clientId,
      client_secret: stack.config.clientSecret ?? '',
    });
    assert.equal(missing.status, 400);
    assert.deepEqual(await missing.json(), {
      error: 'invalid_request',
      error_description: 'token is required',
    });
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
    const { stack } = lifecycle;
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
    // Several keys at once, as Salesforce publishes them: the first is not the one that signed.
    assert.ok(keys.length >= 3);
    assert.equal(new Set(keys.map((key) => key.kid)).size, keys.length);
    assert.notEqual(keys[0].kid, kid);
    const first = createPublicKey({
      key: keys[0] as unknown as import('node:crypto').JsonWebKey,
      format: 'jwk',
    });
    assert.ok(
      !createVerify('RSA-SHA256')
        .update(`${header}.${payload}`)
        .verify(first, Buffer.from(signature, 'base64url')),
    );
    for (const key of keys) assert.deepEqual(Object.keys(key).sort(), ['alg', 'e', 'kid', 'kty', 'n', 'use']);
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    assert.equal(claims.aud, stack.config.clientId);
    assert.equal(claims.sub, tokens.id);
    assert.equal(claims.exp - claims.iat, 120);
  });
});
