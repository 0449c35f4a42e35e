// With "Issue JSON Web Token (JWT)-based access tokens for named users" on, every flow's access token is an RS256 JWT
// in the Mobile SDK fixture's shape, signed with the key /id/keys publishes, ending at its exp; every call that takes
// a token takes it as it takes an opaque one, and refuses a forged or expired one as it refuses an unknown token.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { answerDeviceCode } from '../../support/device.ts';
import { ADMIN_ID, changeSettings, postToken } from '../../support/emulator-api.ts';
import { authorizeInBrowser, loginAndGetToken } from '../../support/emulator-login.ts';
import { otherKey, signAssertion } from '../../support/assertion.ts';
import { createSign } from 'node:crypto';
import { decodeJwt, useToken, verifiesWithJwks, withClaims } from '../../support/jwt-access-tokens.ts';
import { tokenStack } from '../../support/token-lifecycle.ts';
import { securityToken } from '../../../server/emulator/org.ts';

const HEADER_KEYS = ['tnk', 'ver', 'kid', 'tty', 'typ', 'alg'];
const CLAIM_KEYS = [
  'scp',
  'aud',
  'sub',
  'nbf',
  'mty',
  'sfi',
  'roles',
  'iss',
  'hsc',
  'exp',
  'iat',
  'client_id',
];
const SESSION_EXPIRED = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];

describe('emulator: JWT-based access tokens', () => {
  const lifecycle = tokenStack(); // 5-minute sessions, on a clock the tests move
  const on = (timeout = 'UserSession') =>
    changeSettings(lifecycle.stack, {
      namedUserJwtEnabled: 'on',
      namedUserJwtTimeout: timeout,
      runAsUserId: ADMIN_ID,
      allowUsernamePassword: 'on',
    });

  test('off, as on a new app: opaque tokens and no token_format, as before', async () => {
    const tokens = await loginAndGetToken(lifecycle.stack);
    assert.match(tokens.access_token, /^00D5j00000PlAyG!AR/);
    assert.equal(tokens.token_format, undefined);
  });

  test('on: the web server flow answers a signed JWT of the fixture shape, token_format jwt, an opaque refresh token', async () => {
    const { stack } = lifecycle;
    await on();
    const tokens = await loginAndGetToken(stack, { scope: 'api refresh_token openid' });
    assert.equal(tokens.token_format, 'jwt');
    assert.match(tokens.refresh_token, /^5Aep861/);
    assert.equal(tokens.access_token.split('.').length, 3);
    const { header, claims } = decodeJwt(tokens.access_token);
    assert.deepEqual(Object.keys(header), HEADER_KEYS);
    assert.deepEqual(
      { ver: header.ver, tty: header.tty, typ: header.typ, alg: header.alg },
      { ver: '1.0', tty: 'sfdc-core-token', typ: 'JWT', alg: 'RS256' },
    );
    assert.equal(header.kid, stack.emulator?.context.state.signingKey.kid);
    assert.ok(await verifiesWithJwks(stack, tokens.access_token), 'verified with the published key');
    assert.deepEqual(Object.keys(claims), CLAIM_KEYS);
    assert.deepEqual(claims.aud, [stack.instanceUrl]);
    assert.equal(claims.iss, stack.instanceUrl);
    assert.equal(claims.sub, `uid:${ADMIN_ID}`);
    assert.equal(claims.scp, tokens.scope);
    assert.equal(claims.client_id, stack.config.clientId);
    assert.equal(claims.mty, 'oauth');
    assert.deepEqual(claims.roles, []);
    assert.equal(claims.hsc, false);
    assert.match(String(claims.sfi), /^[0-9a-f]{64}$/);
    assert.equal(claims.iat, Math.floor(lifecycle.clock / 1000));
    assert.equal(claims.exp, (claims.iat as number) + 300, "the user session's 5 minutes");
    assert.ok((claims.nbf as number) <= (claims.iat as number));
  });

  test('on: every flow that issues an access token issues a JWT and says token_format jwt', async () => {
    const { stack } = lifecycle;
    await on();
    const issued: Record<string, Record<string, unknown>> = {};
    const web = await loginAndGetToken(stack, { scope: 'api refresh_token' });
    issued['web server'] = web;
    const base = { client_id: stack.config.clientId, client_secret: stack.config.clientSecret ?? '' };
    issued.refresh = (
      await postToken(stack.emulatorUrl, {
        grant_type: 'refresh_token',
        refresh_token: web.refresh_token,
        ...base,
      })
    ).body;
    const assertion = signAssertion({
      iss: stack.config.clientId,
      sub: stack.config.username,
      aud: 'https://login.salesforce.com',
      exp: Math.floor(lifecycle.clock / 1000) + 180,
    });
    const jwtGrant = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
    issued['JWT bearer'] = (await postToken(stack.emulatorUrl, { grant_type: jwtGrant, assertion })).body;
    issued['client credentials'] = (
      await postToken(stack.instanceUrl, { grant_type: 'client_credentials', ...base })
    ).body;
    const password = stack.config.emulator.password;
    issued['username-password'] = (
      await postToken(stack.emulatorUrl, {
        grant_type: 'password',
        username: stack.config.username,
        password: `${password}${securityToken(password, ADMIN_ID)}`,
        ...base,
      })
    ).body;
    const fragment = await authorizeInBrowser(stack, { response_type: 'token', scope: 'api' });
    issued['user-agent'] = Object.fromEntries(new URLSearchParams(fragment.hash.slice(1)));
    const start = await postToken(stack.emulatorUrl, { response_type: 'device_code', ...base, scope: 'api' });
    await answerDeviceCode(stack, String(start.body.verification_uri), String(start.body.user_code));
    issued.device = (
      await postToken(stack.emulatorUrl, {
        grant_type: 'device',
        code: String(start.body.device_code),
        ...base,
      })
    ).body;
    for (const [flow, body] of Object.entries(issued)) {
      const token = String(body.access_token);
      assert.equal(body.token_format, 'jwt', `${flow}: ${JSON.stringify(Object.keys(body))}`);
      assert.ok(await verifiesWithJwks(stack, token), `${flow}: a JWT signed with the published key`);
      assert.equal(decodeJwt(token).claims.sub, `uid:${ADMIN_ID}`, flow);
      assert.equal(
        (await useToken(stack, token, String(body.id))).rest.status,
        200,
        `${flow}: REST takes it`,
      );
    }
  });

  test('REST, identity, userinfo and introspection take it; revoking it ends it everywhere', async () => {
    const { stack } = lifecycle;
    await on();
    const tokens = await loginAndGetToken(stack);
    const used = await useToken(stack, tokens.access_token, tokens.id);
    assert.equal(used.rest.status, 200);
    assert.equal(JSON.parse(used.identity.body).user_id, ADMIN_ID);
    assert.equal(JSON.parse(used.userinfo.body).user_id, ADMIN_ID);
    const { claims } = decodeJwt(tokens.access_token);
    assert.equal(used.introspect.active, true);
    assert.equal(used.introspect.exp, claims.exp, 'introspection says the exp the token carries');
    assert.equal(used.introspect.iat, claims.iat);
    assert.equal(used.introspect.nbf, claims.nbf, 'and the nbf it carries, 15 s before its iat');
    const revoke = await lifecycle.post('/services/oauth2/revoke', { token: tokens.access_token });
    assert.equal(revoke.status, 200);
    const after = await useToken(stack, tokens.access_token, tokens.id);
    assert.equal(after.rest.status, 401);
    assert.deepEqual(JSON.parse(after.rest.body), SESSION_EXPIRED);
    assert.deepEqual(after.identity, { status: 403, body: 'Bad_OAuth_Token' });
    assert.deepEqual(after.userinfo, { status: 403, body: 'Bad_OAuth_Token' });
    assert.deepEqual(after.introspect, { active: false });
  });

  test('a forged token (claims changed under the old signature) is refused as an unknown token', async () => {
    const { stack } = lifecycle;
    await on();
    const tokens = await loginAndGetToken(stack);
    const forged = withClaims(tokens.access_token, { exp: Math.floor(lifecycle.clock / 1000) + 86_400 });
    const used = await useToken(stack, forged, tokens.id);
    assert.equal(used.rest.status, 401);
    assert.deepEqual(JSON.parse(used.rest.body), SESSION_EXPIRED);
    assert.deepEqual(used.identity, { status: 403, body: 'Bad_OAuth_Token' });
    assert.deepEqual(used.userinfo, { status: 403, body: 'Bad_OAuth_Token' });
    assert.deepEqual(used.introspect, { active: false });
    const revoke = await lifecycle.post('/services/oauth2/revoke', { token: forged });
    assert.equal(revoke.status, 400);
    assert.equal(await revoke.text(), 'error=invalid_token&error_description=invalid%20token');
    // The same header and claims signed by a key of the forger's own: a JWT as good as the real one, but not issued.
    const [header, claims] = tokens.access_token.split('.');
    const signed = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(otherKey());
    const resigned = `${header}.${claims}.${signed.toString('base64url')}`;
    assert.equal((await useToken(stack, resigned, tokens.id)).rest.status, 401, 'signed by another key');
    assert.equal((await useToken(stack, `${header}.${claims}.`, tokens.id)).rest.status, 401, 'unsigned');
    assert.equal(
      (await useToken(stack, tokens.access_token, tokens.id)).rest.status,
      200,
      'the real one works',
    );
  });

  test('a custom timeout is its exp: calls do not move it, and at exp every call refuses it', async () => {
    const { stack } = lifecycle;
    await on('1');
    const tokens = await loginAndGetToken(stack);
    const { claims } = decodeJwt(tokens.access_token);
    assert.equal((claims.exp as number) - (claims.iat as number), 60);
    lifecycle.clock += 50_000;
    assert.equal((await lifecycle.query(tokens.access_token)).status, 200, 'used 50 s in');
    lifecycle.clock = (claims.exp as number) * 1000 - 1;
    assert.equal((await lifecycle.query(tokens.access_token)).status, 200, 'the last moment before exp');
    lifecycle.clock += 1;
    const used = await useToken(stack, tokens.access_token, tokens.id);
    assert.equal(used.rest.status, 401);
    assert.deepEqual(JSON.parse(used.rest.body), SESSION_EXPIRED);
    assert.deepEqual(used.identity, { status: 403, body: 'Bad_OAuth_Token' });
    assert.deepEqual(used.introspect, { active: false });
  });
});
