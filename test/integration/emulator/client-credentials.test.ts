// Contract tests for grant_type=client_credentials: My Domain only, the Run As user, client authentication, shape.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import {
  ADMIN_ID,
  basicAuth,
  changeSettings,
  INACTIVE_ID,
  postToken,
  STANDARD_ID,
} from '../../support/emulator-api.ts';
import { loginAndGetToken } from '../../support/emulator-login.ts';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('emulator: client credentials flow', () => {
  let stack: TestStack;
  const form = () => ({
    grant_type: 'client_credentials',
    client_id: stack.config.clientId,
    client_secret: stack.config.clientSecret ?? '',
  });

  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  test('answers no client credentials user enabled until Setup saves a Run As user', async () => {
    const answer = await postToken(stack.instanceUrl, form());
    assert.equal(answer.status, 400);
    assert.deepEqual(answer.body, {
      error: 'invalid_grant',
      error_description: 'no client credentials user enabled',
    });
    assert.equal(answer.headers.get('cache-control'), 'no-store');
  });

  test('refuses the generic login host with request not supported on this domain', async () => {
    await changeSettings(stack, { runAsUserId: ADMIN_ID });
    const answer = await postToken(stack.emulatorUrl, form());
    assert.equal(answer.status, 400);
    assert.deepEqual(answer.body, {
      error: 'invalid_grant',
      error_description: 'request not supported on this domain',
    });
  });

  test('on My Domain, returns exactly Salesforce keys for the Run As user: no refresh token, no id_token', async () => {
    const answer = await postToken(stack.instanceUrl, form());
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(Object.keys(answer.body), [
      'access_token',
      'signature',
      'scope',
      'instance_url',
      'id',
      'token_type',
      'issued_at',
    ]);
    assert.equal(answer.body.scope, 'api openid id', 'the app scopes without refresh_token and web');
    assert.equal(answer.body.instance_url, stack.instanceUrl);
    assert.equal(answer.body.id, `${stack.emulatorUrl}/id/00D5j00000PlAyGEAV/${ADMIN_ID}`);
    assert.match(answer.body.issued_at as string, /^\d{13}$/);
    const userinfo = await new TestClient().get(`${stack.instanceUrl}/services/oauth2/userinfo`, {
      authorization: `Bearer ${answer.body.access_token}`,
    });
    assert.equal(
      ((await userinfo.json()) as Record<string, string>).preferred_username,
      stack.config.username,
    );
  });

  test('takes the client in HTTP Basic with only grant_type in the body', async () => {
    const answer = await postToken(
      stack.instanceUrl,
      { grant_type: 'client_credentials' },
      basicAuth(stack.config.clientId, stack.config.clientSecret ?? ''),
    );
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.token_type, 'Bearer');
  });

  test('refuses an unknown consumer key, and a wrong or missing secret, with Salesforce wording', async () => {
    const cases: [Record<string, string>, Record<string, string>, string, string][] = [
      [{ ...form(), client_id: 'nope' }, {}, 'invalid_client_id', 'client identifier invalid'],
      [{ ...form(), client_secret: 'wrong' }, {}, 'invalid_client', 'invalid client credentials'],
      [
        { grant_type: 'client_credentials', client_id: stack.config.clientId },
        {},
        'invalid_client',
        'invalid client credentials',
      ],
      [
        { grant_type: 'client_credentials' },
        basicAuth(stack.config.clientId, 'wrong'),
        'invalid_client',
        'invalid client credentials',
      ],
    ];
    for (const [body, headers, error, description] of cases) {
      const answer = await postToken(stack.instanceUrl, body, headers);
      assert.equal(answer.status, 400);
      assert.deepEqual(answer.body, { error, error_description: description });
    }
  });

  test('grants the app scopes less full, web, offline_access and refresh_token, with no scope asked', async () => {
    const scopes = stack.emulator?.context.state.settings.scopes ?? [];
    await changeSettings(stack, { scopes: ['api', 'id', 'web', 'full', 'offline_access', 'refresh_token'] });
    const answer = await postToken(stack.instanceUrl, form());
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    // What a token asked with a scope parameter carries is not recorded; the reference's case is the one pinned.
    assert.equal(answer.body.scope, 'api id');
    assert.equal(answer.body.refresh_token, undefined);
    await changeSettings(stack, { scopes });
  });

  test('adds api_instance_url only when sfap_api is granted, on every grant that can carry it', async () => {
    const scopes = stack.emulator?.context.state.settings.scopes ?? [];
    await changeSettings(stack, { scopes: [...scopes, 'sfap_api'] });
    const answer = await postToken(stack.instanceUrl, form());
    assert.equal(answer.body.api_instance_url, 'https://api.salesforce.com');
    assert.equal(Object.keys(answer.body).at(-1), 'api_instance_url');
    // Any grant with sfap_api gets it, a login's code exchange and its refresh alike; without sfap_api, none.
    const login = await loginAndGetToken(stack, { scope: 'api refresh_token sfap_api' });
    assert.equal(login.api_instance_url, 'https://api.salesforce.com');
    const refreshed = await postToken(stack.emulatorUrl, {
      grant_type: 'refresh_token',
      refresh_token: login.refresh_token,
      client_id: stack.config.clientId,
      client_secret: stack.config.clientSecret ?? '',
    });
    assert.equal(refreshed.body.api_instance_url, 'https://api.salesforce.com');
    assert.equal((await loginAndGetToken(stack, { scope: 'api' })).api_instance_url, undefined);
    await changeSettings(stack, { scopes });
  });

  test('an inactive Run As user fails authentication; an admin-approved policy without its profile refuses it', async () => {
    await changeSettings(stack, { runAsUserId: INACTIVE_ID });
    assert.deepEqual((await postToken(stack.instanceUrl, form())).body, {
      error: 'invalid_grant',
      error_description: 'authentication failure',
    });
    await changeSettings(stack, {
      runAsUserId: STANDARD_ID,
      policy: 'admin-approved',
      profiles: 'System Administrator',
    });
    assert.deepEqual((await postToken(stack.instanceUrl, form())).body, {
      error: 'invalid_app_access',
      error_description: 'user is not admin approved to access this app',
    });
    await changeSettings(stack, { runAsUserId: ADMIN_ID, policy: 'self-authorize' });
  });

  test('"Enable Client Credentials Flow" off answers like a missing Run As user', async () => {
    await changeSettings(stack, { clientCredentialsEnabled: undefined });
    assert.deepEqual((await postToken(stack.instanceUrl, form())).body, {
      error: 'invalid_grant',
      error_description: 'no client credentials user enabled',
    });
    await changeSettings(stack, { clientCredentialsEnabled: 'on' });
    assert.equal((await postToken(stack.instanceUrl, form())).status, 200);
  });
});
