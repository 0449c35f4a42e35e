// Contract tests for grant_type=password: off by default, the security token, the six-key answer, lockout.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { changeSettings, postToken, STANDARD_ID } from '../../support/emulator-api.ts';
import { hiddenValue } from '../../support/emulator-login.ts';
import { setupSession } from '../../support/emulator-setup.ts';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

const FAILURE = { error: 'invalid_grant', error_description: 'authentication failure' };

describe('emulator: username-password flow', () => {
  let stack: TestStack;
  let tokens: Record<string, string>;
  const login = (username: string, password: string, client: Record<string, string> = {}) =>
    postToken(stack.emulatorUrl, {
      grant_type: 'password',
      client_id: stack.config.clientId,
      client_secret: stack.config.clientSecret ?? '',
      username,
      password,
      ...client,
    });
  const securityTokensOn = (html: string) =>
    Object.fromEntries(
      [...html.matchAll(/data-security-token="([^"]+)">([A-Za-z0-9]+)</g)].map((m) => [m[1], m[2]]),
    );

  before(async () => {
    stack = await startTestStack();
    tokens = securityTokensOn(await (await new TestClient().get(`${stack.emulatorUrl}/`)).text());
  });
  after(() => stack.close());

  test('shows each demo user a 24-character security token, the same on the home page and in Setup', async () => {
    assert.equal(Object.keys(tokens).length, 3);
    for (const token of Object.values(tokens)) assert.match(token, /^[A-Za-z0-9]{24}$/);
    assert.notEqual(tokens[stack.config.username], tokens['standard@playground.local']);
    assert.deepEqual(securityTokensOn((await setupSession(stack)).page), tokens);
  });

  test('is blocked by default, as in orgs created since Summer ’23: authentication failure even when all is right', async () => {
    const answer = await login(
      stack.config.username,
      stack.config.emulator.password + tokens[stack.config.username],
    );
    assert.equal(answer.status, 400);
    assert.deepEqual(answer.body, FAILURE);
  });

  test('once allowed, the password plus the security token returns exactly six keys', async () => {
    await changeSettings(stack, { allowUsernamePassword: 'on' });
    const answer = await login(
      stack.config.username,
      stack.config.emulator.password + tokens[stack.config.username],
    );
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(Object.keys(answer.body), [
      'access_token',
      'instance_url',
      'id',
      'token_type',
      'issued_at',
      'signature',
    ]);
    assert.equal(answer.body.instance_url, stack.instanceUrl);
    const query = await new TestClient().get(
      `${stack.instanceUrl}/services/data/v66.0/query?q=SELECT+Id+FROM+Account+LIMIT+1`,
      { authorization: `Bearer ${answer.body.access_token}` },
    );
    assert.equal(query.status, 200);
  });

  test('a missing or wrong token, a wrong password or an inactive user all answer authentication failure', async () => {
    const { password } = stack.config.emulator;
    const admin = stack.config.username;
    for (const [username, sent] of [
      [admin, password],
      [admin, `${password}${tokens[admin].slice(1)}`],
      [admin, `wrong${tokens[admin]}`],
      ['inactive@playground.local', password + tokens['inactive@playground.local']],
      ['nobody@playground.local', password],
    ]) {
      assert.deepEqual((await login(username, sent)).body, FAILURE, `${username} / ${sent}`);
    }
  });

  test('needs the client secret: missing or wrong is invalid_client', async () => {
    const good = stack.config.emulator.password + tokens[stack.config.username];
    for (const secret of ['', 'wrong']) {
      assert.deepEqual((await login(stack.config.username, good, { client_secret: secret })).body, {
        error: 'invalid_client',
        error_description: 'invalid client credentials',
      });
    }
  });

  test('wrong passwords count toward the lockout: after ten, even the right one fails until an admin unlocks', async () => {
    const user = 'standard@playground.local';
    const good = stack.config.emulator.password + tokens[user];
    for (let attempt = 0; attempt < 10; attempt += 1) await login(user, `bad-${attempt}`);
    assert.deepEqual((await login(user, good)).body, FAILURE);
    const admin = await setupSession(stack);
    assert.match(admin.page, /data-status="locked"/);
    await admin.client.post(`${stack.emulatorUrl}/setup/unlock`, {
      csrf: hiddenValue(admin.page, 'csrf'),
      userId: STANDARD_ID,
    });
    assert.equal((await login(user, good)).status, 200);
  });
});
