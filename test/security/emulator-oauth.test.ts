// Protocol attacks on the emulator's redirect flows: redirect_uri tricks, code replay, PKCE downgrade.
// Already refused elsewhere and not repeated here: a PKCE mismatch, an empty verifier and an unexpected verifier
// (test/integration/emulator/web-server.test.ts). JWT assertion tricks: emulator-jwt.test.ts.
import assert from '../support/assert.ts';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { authorizeInBrowser } from '../support/emulator-login.ts';
import { saveSettings } from '../support/emulator-setup.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const VERIFIER = 'attack-suite-verifier-'.repeat(4);
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

describe('emulator redirect flows under attack', () => {
  let stack: TestStack;
  const client = new TestClient();
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  const token = (params: Record<string, string>) =>
    client.post(`${stack.emulatorUrl}/services/oauth2/token`, params);
  const codeFor = async (query: Record<string, string> = {}) => {
    const callback = await authorizeInBrowser(stack, {
      response_type: 'code',
      scope: 'api refresh_token',
      code_challenge: CHALLENGE,
      ...query,
    });
    return callback.searchParams.get('code') ?? '';
  };
  const exchange = (code: string, extra: Record<string, string> = {}) =>
    token({
      grant_type: 'authorization_code',
      code,
      client_id: stack.config.clientId,
      client_secret: stack.config.clientSecret ?? '',
      redirect_uri: stack.config.callbackUrl,
      code_verifier: VERIFIER,
      ...extra,
    });
  const userinfo = (accessToken: string) =>
    client.get(`${stack.emulatorUrl}/services/oauth2/userinfo`, { authorization: `Bearer ${accessToken}` });

  test('redirect_uri tricks at /authorize are shown on a page and never redirected to', async () => {
    const registered = stack.config.callbackUrl;
    const { host, port } = new URL(registered);
    const tricks = [
      registered.replace(/\.html$/, ''), // a prefix of the registered URL
      `${registered}.evil.example`,
      `${registered}/extra`,
      `${registered}?next=https://evil.example`,
      `${registered}#fragment`,
      `${registered}/`,
      registered.replace('localhost', 'LOCALHOST'),
      registered.replace('oauthcallback', 'OAuthCallback'),
      registered.replace('.html', '%2Ehtml'),
      encodeURIComponent(registered),
      registered.replace('https://', 'http://'),
      registered.replace(`:${port}`, `:${Number(port) + 1}`),
      registered.replace('https:', ''),
      ` ${registered}`,
      registered.replace(host, `${host}@evil.example`),
      registered.replace(host, `evil.example@${host}`),
      registered.replace(host, `${host}\\@evil.example`),
    ];
    for (const redirectUri of tricks) {
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: stack.config.clientId,
        redirect_uri: redirectUri,
      });
      const answer = await client.get(`${stack.emulatorUrl}/services/oauth2/authorize?${query}`);
      assert.equal(answer.status, 400, redirectUri);
      assert.equal(answer.headers.get('location'), null, redirectUri);
      assert.match(
        await answer.text(),
        /error=redirect_uri_mismatch&amp;error_description=redirect_uri%20must%20match%20configuration/,
      );
    }
  });

  test('a code used twice is refused and takes back every token it gave, refreshed ones included', async () => {
    const code = await codeFor();
    const first = (await (await exchange(code)).json()) as Record<string, string>;
    assert.equal((await userinfo(first.access_token)).status, 200);
    const refreshed = (await (
      await token({
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token,
        client_id: stack.config.clientId,
        client_secret: stack.config.clientSecret ?? '',
      })
    ).json()) as Record<string, string>;
    assert.equal((await userinfo(refreshed.access_token)).status, 200);
    const replay = await exchange(code);
    assert.equal(replay.status, 400);
    assert.deepEqual(await replay.json(), {
      error: 'invalid_grant',
      error_description: 'expired authorization code',
    });
    for (const revoked of [first.access_token, refreshed.access_token]) {
      const answer = await userinfo(revoked);
      assert.equal(answer.status, 403);
      assert.equal(await answer.text(), 'Bad_OAuth_Token');
    }
    const refreshAgain = await token({
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
      client_id: stack.config.clientId,
      client_secret: stack.config.clientSecret ?? '',
    });
    assert.deepEqual(await refreshAgain.json(), {
      error: 'invalid_grant',
      error_description: 'expired access/refresh token',
    });
  });

  test('a replayed code does not touch tokens of other codes', async () => {
    const mine = (await (await exchange(await codeFor())).json()) as Record<string, string>;
    const other = await codeFor();
    await exchange(other);
    await exchange(other);
    assert.equal((await userinfo(mine.access_token)).status, 200);
  });

  test('PKCE downgrade: a code bound to a challenge needs its verifier, not nothing and not the challenge', async () => {
    const invalid = { error: 'invalid_grant', error_description: 'invalid code verifier' };
    const withoutVerifier = await token({
      grant_type: 'authorization_code',
      code: await codeFor(),
      client_id: stack.config.clientId,
      client_secret: stack.config.clientSecret ?? '',
      redirect_uri: stack.config.callbackUrl,
    });
    assert.deepEqual(await withoutVerifier.json(), invalid);
    assert.deepEqual(await (await exchange(await codeFor(), { code_verifier: CHALLENGE })).json(), invalid);
    const plainClaim = await exchange(await codeFor(), {
      code_verifier: CHALLENGE,
      code_challenge_method: 'plain',
    });
    assert.deepEqual(await plainClaim.json(), invalid);
  });

  test('a verifier that differs from the real one only in non-ASCII look-alikes is refused', async () => {
    // U+0161 and U+0461 end in the byte of "a" (0x61): read as ASCII they were the same verifier.
    for (const forged of [VERIFIER.replace('a', 'š'), VERIFIER.replaceAll('a', 'ѡ')]) {
      assert.deepEqual(await (await exchange(await codeFor(), { code_verifier: forged })).json(), {
        error: 'invalid_grant',
        error_description: 'invalid code verifier',
      });
    }
  });

  test('with "Require PKCE" on, an authorization request without a challenge is refused', async () => {
    assert.equal((await saveSettings(stack, { requirePkce: 'on' })).status, 200);
    try {
      const callback = await authorizeInBrowser(stack, { response_type: 'code', state: 'p1' });
      assert.equal(
        callback.search,
        '?error=invalid_request&error_description=missing+required+code+challenge&state=p1',
      );
    } finally {
      await saveSettings(stack, { requirePkce: undefined });
    }
  });
});
