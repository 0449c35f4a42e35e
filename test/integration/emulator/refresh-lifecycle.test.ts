// Contract tests for the refresh-token lifecycle: the secret setting, rotation and reuse, the four policies,
// id_token on refresh, and the limit of five grants per user.
import assert from '../../support/assert.ts';
import { after, before, beforeEach, describe, test } from 'node:test';
import { basicAuth, changeSettings, postToken } from '../../support/emulator-api.ts';
import { loginAndGetToken } from '../../support/emulator-login.ts';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

const EXPIRED = { error: 'invalid_grant', error_description: 'expired access/refresh token' };
const HOUR = 60 * 60 * 1000;

describe('emulator: refresh token lifecycle', () => {
  let stack: TestStack;
  let clock = Date.parse('2026-11-20T10:00:00Z');
  const refresh = (refreshToken: string, extra: Record<string, string> = {}, host = stack.emulatorUrl) =>
    postToken(host, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: stack.config.clientId,
      client_secret: stack.config.clientSecret ?? '',
      ...extra,
    });
  const restStatus = async (accessToken: string) =>
    (
      await new TestClient().get(
        `${stack.instanceUrl}/services/data/v66.0/query?q=SELECT+Id+FROM+Account+LIMIT+1`,
        {
          authorization: `Bearer ${accessToken}`,
        },
      )
    ).status;

  before(async () => {
    stack = await startTestStack({ EMULATOR_SESSION_MINUTES: '600' }, { now: () => clock });
  });
  after(() => stack.close());
  beforeEach(async () => {
    await changeSettings(stack, {
      refreshTokenRotation: undefined,
      refreshTokenPolicy: 'infinite',
      requireSecretForRefresh: 'on',
    });
  });

  test('with "Require Secret for Refresh Token Flow" on, a missing secret is refused; off, a sent one is still checked', async () => {
    const { refresh_token: rt } = await loginAndGetToken(stack);
    const invalidClient = { error: 'invalid_client', error_description: 'invalid client credentials' };
    assert.deepEqual((await refresh(rt, { client_secret: '' })).body, invalidClient);
    await changeSettings(stack, { requireSecretForRefresh: undefined });
    assert.equal((await refresh(rt, { client_secret: '' })).status, 200);
    assert.deepEqual((await refresh(rt, { client_secret: 'wrong' })).body, invalidClient);
  });

  test('takes the client from HTTP Basic as well as from the form', async () => {
    const { refresh_token: rt } = await loginAndGetToken(stack);
    const secret = stack.config.clientSecret ?? '';
    const form = { grant_type: 'refresh_token', refresh_token: rt };
    const basic = await postToken(stack.emulatorUrl, form, basicAuth(stack.config.clientId, secret));
    assert.equal(basic.status, 200, JSON.stringify(basic.body));
    assert.deepEqual(
      (await postToken(stack.emulatorUrl, form, basicAuth(stack.config.clientId, 'wrong'))).body,
      {
        error: 'invalid_client',
        error_description: 'invalid client credentials',
      },
    );
    // The client_id in the form (where Salesforce documents it) with the secret in Basic is one client.
    const withId = { ...form, client_id: stack.config.clientId };
    const split = await postToken(stack.emulatorUrl, withId, basicAuth(stack.config.clientId, secret));
    assert.equal(split.status, 200, JSON.stringify(split.body));
    const wrong = await postToken(stack.emulatorUrl, withId, basicAuth(stack.config.clientId, 'wrong'));
    assert.equal(wrong.body.error, 'invalid_client', 'a secret sent in Basic is checked too');
  });

  test('returns an id_token on refresh when openid was granted, issued by the host that was asked', async () => {
    const { refresh_token: rt } = await loginAndGetToken(stack);
    const answer = await refresh(rt, {}, stack.instanceUrl);
    assert.equal(answer.status, 200);
    const claims = JSON.parse(
      Buffer.from((answer.body.id_token as string).split('.')[1], 'base64url').toString(),
    );
    assert.equal(claims.iss, stack.instanceUrl);
    assert.equal(claims.aud, stack.config.clientId);
    assert.equal(answer.body.refresh_token, undefined, 'no rotation: no new refresh token');
  });

  test('rotation: each refresh returns a new refresh token; reusing a replaced one revokes the whole grant', async () => {
    await changeSettings(stack, { refreshTokenRotation: 'on' });
    const login = await loginAndGetToken(stack);
    const first = await refresh(login.refresh_token);
    assert.equal(first.status, 200);
    const rotated = first.body.refresh_token as string;
    assert.match(rotated, /^5Aep861/);
    assert.notEqual(rotated, login.refresh_token);
    assert.deepEqual(Object.keys(first.body).slice(0, 2), ['access_token', 'refresh_token']);
    const second = await refresh(rotated);
    assert.equal(second.status, 200);
    const current = second.body.refresh_token as string;
    assert.equal(await restStatus(second.body.access_token as string), 200);
    assert.deepEqual((await refresh(rotated)).body, EXPIRED, 'a replaced refresh token is refused');
    assert.deepEqual((await refresh(current)).body, EXPIRED, 'and the current one went with it');
    for (const access of [login.access_token, first.body.access_token, second.body.access_token]) {
      assert.equal(await restStatus(access as string), 401, 'every access token of the grant is revoked');
    }
  });

  test('introspection calls a replaced refresh token inactive and the current one active', async () => {
    await changeSettings(stack, { refreshTokenRotation: 'on' });
    const login = await loginAndGetToken(stack);
    const next = (await refresh(login.refresh_token)).body.refresh_token as string;
    const introspect = async (token: string) => {
      const response = await new TestClient().post(
        `${stack.instanceUrl}/services/oauth2/introspect`,
        { token, token_type_hint: 'refresh_token' },
        basicAuth(stack.config.clientId, stack.config.clientSecret ?? ''),
      );
      return (await response.json()) as Record<string, unknown>;
    };
    assert.deepEqual(await introspect(login.refresh_token), { active: false });
    const live = await introspect(next);
    assert.equal(live.active, true);
    assert.equal(live.token_type, 'refresh_token');
  });

  test('"Immediately expire refresh token": the refresh fails while the access token still works', async () => {
    const login = await loginAndGetToken(stack);
    await changeSettings(stack, { refreshTokenPolicy: 'zero' });
    assert.deepEqual((await refresh(login.refresh_token)).body, EXPIRED);
    assert.equal(await restStatus(login.access_token), 200);
  });

  test('"Expire refresh token if not used for N" slides with each use', async () => {
    await changeSettings(stack, {
      refreshTokenPolicy: 'inactivity',
      refreshTokenAmount: '1',
      refreshTokenUnit: 'HOURS',
    });
    const { refresh_token: rt } = await loginAndGetToken(stack);
    clock += HOUR - 60_000;
    assert.equal((await refresh(rt)).status, 200);
    clock += HOUR - 60_000;
    assert.equal((await refresh(rt)).status, 200, 'less than an hour since the last use');
    clock += HOUR;
    assert.deepEqual((await refresh(rt)).body, EXPIRED);
  });

  test('"Expire refresh token after N" counts from the login, however recent the last use or rotation', async () => {
    await changeSettings(stack, {
      refreshTokenPolicy: 'lifetime',
      refreshTokenAmount: '2',
      refreshTokenUnit: 'HOURS',
      refreshTokenRotation: 'on',
    });
    let { refresh_token: rt } = await loginAndGetToken(stack);
    for (let step = 0; step < 3; step += 1) {
      clock += HOUR / 2;
      const answer = await refresh(rt);
      assert.equal(answer.status, 200);
      rt = answer.body.refresh_token as string;
    }
    clock += HOUR / 2 + 1;
    assert.deepEqual((await refresh(rt)).body, EXPIRED);
  });

  test('a user’s sixth grant for the app revokes the oldest one and its access tokens', async () => {
    const logins = [];
    for (let n = 0; n < 6; n += 1)
      logins.push(await loginAndGetToken(stack, { username: 'standard@playground.local' }));
    assert.deepEqual((await refresh(logins[0].refresh_token)).body, EXPIRED);
    assert.equal(await restStatus(logins[0].access_token), 401);
    assert.equal((await refresh(logins[1].refresh_token)).status, 200);
    assert.equal(await restStatus(logins[5].access_token), 200);
  });
});
