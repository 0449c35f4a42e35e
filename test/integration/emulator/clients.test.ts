// Standard clients against the emulator, driven as their users drive them: openid-client against the My Domain's
// discovery document, jsforce's OAuth2 and Connection for client credentials, and the device flow exactly as the
// Salesforce CLI's sfdx-core (DeviceOauthService) performs it.
import assert from '../../support/assert.ts';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import FormData from 'form-data';
import { Connection, OAuth2 } from 'jsforce';
import { Transport } from 'jsforce/lib/transport.js';
import * as oidc from 'openid-client';
import { codeFlow, trustingFetch } from '../../support/oidc.ts';
import { answerDeviceCode } from '../../support/device.ts';
import { ADMIN_ID, changeSettings } from '../../support/emulator-api.ts';
import { authorizeInBrowser, loginAndGetToken } from '../../support/emulator-login.ts';
import { startTestStack, TEST_ROOT, type TestStack } from '../../support/stack.ts';

/** Trust for the local test certificate and nothing else: TLS checks stay on. */
const ca = () => readFileSync(path.join(TEST_ROOT, 'certs', 'server.crt'));

const defaultAgent = https.globalAgent;

describe('standard clients against the emulator', () => {
  let stack: TestStack;
  let clock = Date.now();
  let config: oidc.Configuration;
  /** The discovered configuration with the secret sent as HTTP Basic (client_secret_basic) instead of in the form. */
  const withBasicAuth = () => {
    const basic = new oidc.Configuration(
      config.serverMetadata(),
      stack.config.clientId,
      stack.config.clientSecret,
      oidc.ClientSecretBasic(stack.config.clientSecret),
    );
    basic[oidc.customFetch] = fetchTrustingLocalCa;
    return basic;
  };
  let fetchTrustingLocalCa: oidc.CustomFetch;

  before(async () => {
    // Now, not when the file was loaded: a group loads every file first, and real clients check real time.
    clock = Date.now();
    stack = await startTestStack({}, { now: () => clock });
    await changeSettings(stack, { runAsUserId: ADMIN_ID });
    fetchTrustingLocalCa = trustingFetch(new https.Agent({ ca: ca() }));
    config = await oidc.discovery(
      new URL(stack.instanceUrl),
      stack.config.clientId,
      stack.config.clientSecret,
      undefined,
      { [oidc.customFetch]: fetchTrustingLocalCa },
    );
    // jsforce sends through node-fetch's default agent: give it one that trusts the local certificate.
    https.globalAgent = new https.Agent({ ca: ca() });
  });
  after(async () => {
    https.globalAgent = defaultAgent;
    await stack.close();
  });

  test('openid-client discovers My Domain and runs clientCredentialsGrant, with the secret in the body and in Basic', async () => {
    assert.equal(config.serverMetadata().issuer, stack.instanceUrl);
    const posted = await oidc.clientCredentialsGrant(config);
    assert.equal(posted.token_type, 'bearer');
    assert.equal(posted.refresh_token, undefined);
    assert.equal(posted.id_token, undefined);
    assert.equal((posted as unknown as Record<string, unknown>).instance_url, stack.instanceUrl);
    const basic = withBasicAuth();
    assert.ok((await oidc.clientCredentialsGrant(basic)).access_token);
    const sent = stack.emulator?.received.filter((r) => r.path === '/token').at(-1);
    assert.match(sent?.headers.authorization ?? '', /^Basic /);
    assert.equal(sent?.params.client_secret, undefined);
  });

  test('openid-client: refreshTokenGrant (id_token included), tokenIntrospection, fetchUserInfo, tokenRevocation', async () => {
    const login = await loginAndGetToken(stack, { scope: 'api refresh_token openid' });
    const refreshed = await oidc.refreshTokenGrant(config, login.refresh_token);
    assert.ok(refreshed.access_token);
    assert.equal(refreshed.claims()?.iss, stack.instanceUrl);
    const introspection = await oidc.tokenIntrospection(config, refreshed.access_token);
    assert.equal(introspection.active, true);
    assert.equal(introspection.username, stack.config.username);
    assert.equal(introspection.exp, Math.floor(clock / 1000) + 120 * 60);
    const userinfo = await oidc.fetchUserInfo(config, refreshed.access_token, login.id);
    assert.equal(userinfo.preferred_username, stack.config.username);
    await oidc.tokenRevocation(config, login.refresh_token);
    assert.deepEqual(await oidc.tokenIntrospection(config, refreshed.access_token), { active: false });
    await assert.rejects(
      oidc.refreshTokenGrant(config, login.refresh_token),
      (error: Error & { error?: string; error_description?: string }) => {
        assert.equal(error.error, 'invalid_grant');
        assert.equal(error.error_description, 'expired access/refresh token');
        return true;
      },
    );
  });

  test('openid-client: the code flow with its usual scopes (openid profile email offline_access) signs in', async () => {
    // profile and email are names of the app's id scope, offline_access of its refresh_token scope.
    const verifier = oidc.randomPKCECodeVerifier();
    const [state, nonce] = [oidc.randomState(), oidc.randomNonce()];
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: stack.config.callbackUrl,
      scope: 'openid profile email offline_access',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const callback = await authorizeInBrowser(stack, Object.fromEntries(url.searchParams));
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
    });
    assert.ok(tokens.refresh_token, 'offline_access brings a refresh token');
    assert.equal(tokens.claims()?.nonce, nonce);
    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, tokens.claims()?.sub as string);
    assert.equal(userinfo.email !== undefined, true);
  });

  test('openid-client with client_secret_basic, which discovery lists: the code flow and a refresh', async () => {
    const basic = withBasicAuth();
    const tokens = await codeFlow(basic, stack, 'api refresh_token');
    const refreshed = await oidc.refreshTokenGrant(basic, tokens.refresh_token as string);
    assert.ok(refreshed.access_token);
    const sent = stack.emulator?.received.filter((r) => r.path === '/token').at(-1);
    assert.match(sent?.headers.authorization ?? '', /^Basic /);
    assert.equal(sent?.params.client_secret, undefined);
  });

  test('jsforce: login() without oauth2 (SOAP) ends on a fault saying to sign in with OAuth, not on raw JSON', async () => {
    const connection = new Connection({ loginUrl: stack.emulatorUrl, logLevel: 'FATAL' });
    await assert.rejects(
      connection.login(stack.config.username, stack.config.emulator.password),
      (error: Error) => {
        assert.match(
          error.message,
          /^The SOAP API \(login\(\) included\) is not served by this local emulator/,
        );
        assert.match(error.message, /give the Connection an oauth2 option/);
        return true;
      },
    );
  });

  test('jsforce: OAuth2.requestToken({ grant_type: "client_credentials" }) on My Domain, refused on the login host', async () => {
    const oauth2 = (loginUrl: string) =>
      new OAuth2({ loginUrl, clientId: stack.config.clientId, clientSecret: stack.config.clientSecret });
    const tokens = await oauth2(stack.instanceUrl).requestToken({ grant_type: 'client_credentials' });
    assert.equal(tokens.instance_url, stack.instanceUrl);
    assert.equal(tokens.refresh_token, undefined);
    await assert.rejects(
      oauth2(stack.emulatorUrl).requestToken({ grant_type: 'client_credentials' }),
      (error: Error) => {
        assert.equal(error.name, 'invalid_grant');
        assert.equal(error.message, 'request not supported on this domain');
        return true;
      },
    );
  });

  test('jsforce: Connection.authorize with client credentials, then a query on instance_url', async () => {
    const connection = new Connection({
      oauth2: {
        loginUrl: stack.instanceUrl,
        clientId: stack.config.clientId,
        clientSecret: stack.config.clientSecret,
      },
      version: '66.0',
    });
    const user = await connection.authorize({ grant_type: 'client_credentials' });
    assert.equal(user.id, ADMIN_ID);
    assert.equal(connection.instanceUrl, stack.instanceUrl);
    const result = await connection.query<{ Name: string }>('SELECT Name FROM Account ORDER BY Name LIMIT 1');
    assert.equal(result.records[0].Name, 'Acme Inc.');
  });

  test('the device flow as sfdx-core performs it: FormData bodies, response_type=device_code, then grant_type=device&code=', async () => {
    // sfdx-core's DeviceOauthService: jsforce's Transport, form-data's buffer and headers over its JSON headers.
    const sfdxHeaders = { 'content-type': 'application/json', 'user-agent': 'sfdx toolbelt:' };
    const send = async (fields: Record<string, string>) => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      const raw = await new Transport().httpRequest({
        url: `${stack.emulatorUrl}/services/oauth2/token`,
        method: 'POST',
        headers: { ...sfdxHeaders, ...form.getHeaders() },
        body: form.getBuffer(),
      });
      return { status: raw.statusCode, body: JSON.parse(raw.body) as Record<string, string | number> };
    };
    const login = await send({
      client_id: stack.config.clientId,
      response_type: 'device_code',
      scope: 'refresh_token web api',
    });
    assert.equal(login.status, 200);
    assert.deepEqual(Object.keys(login.body).sort(), [
      'device_code',
      'interval',
      'user_code',
      'verification_uri',
    ]);
    const poll = () =>
      send({ client_id: stack.config.clientId, grant_type: 'device', code: String(login.body.device_code) });
    const first = await poll();
    // The CLI keeps polling only on exactly this: status 400 and error authorization_pending.
    assert.equal(first.status, 400);
    assert.equal(first.body.error, 'authorization_pending');
    const answered = await answerDeviceCode(
      stack,
      String(login.body.verification_uri),
      String(login.body.user_code),
    );
    assert.match(answered.html, /You're connected/);
    clock += Number(login.body.interval) * 1000; // the CLI waits `interval` seconds between polls
    const approved = await poll();
    assert.equal(approved.status, 200);
    for (const key of [
      'access_token',
      'refresh_token',
      'signature',
      'scope',
      'instance_url',
      'id',
      'token_type',
      'issued_at',
    ]) {
      assert.equal(typeof approved.body[key], 'string', key);
    }
    assert.equal(approved.body.instance_url, stack.instanceUrl);
    const received = stack.emulator?.received.filter((r) => r.path === '/token').at(-1);
    assert.match(received?.headers['content-type'] ?? '', /^multipart\/form-data; boundary=/);
  });
});
