// Contract tests for a token's end: refresh (no new refresh token, a wrong secret refused) and revoke (with its
// access tokens, form-encoded errors, a 405 for other methods, JSONP with a plain callback name only).
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { loginAndGetToken } from '../../support/emulator-login.ts';
import { TestClient } from '../../support/http.ts';
import { tokenStack } from '../../support/token-lifecycle.ts';

describe('emulator: token lifecycle and identity', () => {
  const lifecycle = tokenStack();
  const { client, post, query } = lifecycle;

  test('refreshes without returning a new refresh token, and refuses a wrong secret', async () => {
    const { stack } = lifecycle;
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
    const { stack } = lifecycle;
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

  test('a revoke body it cannot read (bad gzip, an unknown charset) is refused form-encoded too, as jsforce reads it', async () => {
    const { stack } = lifecycle;
    const cases: Record<string, string>[] = [
      { 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'gzip' },
      { 'content-type': 'application/x-www-form-urlencoded; charset=klingon' },
    ];
    for (const headers of cases) {
      const answer = await new TestClient().request(`${stack.emulatorUrl}/services/oauth2/revoke`, {
        method: 'POST',
        body: 'garbage',
        headers,
      });
      assert.ok(answer.status >= 400 && answer.status < 500, `${answer.status}`);
      assert.match(answer.headers.get('content-type') ?? '', /^application\/x-www-form-urlencoded/);
      assert.match(await answer.text(), /^error=[a-z_]+&error_description=\S+$/);
    }
  });

  test('a token request body it cannot read is refused in JSON, as its other refusals, even to Accept: text/html', async () => {
    const { stack } = lifecycle;
    const answer = await new TestClient().request(`${stack.emulatorUrl}/services/oauth2/token`, {
      method: 'POST',
      body: 'garbage',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'content-encoding': 'gzip',
        accept: 'text/html',
      },
    });
    assert.equal(answer.status, 400);
    assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(((await answer.json()) as { error: string }).error, 'invalid_request');
  });

  test('answers revoke with another method than GET or POST with a 405 naming the two, revoking nothing', async () => {
    const { stack } = lifecycle;
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
    const { stack } = lifecycle;
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
});
