// Contract tests for the emulator's JWT bearer grant: exact Salesforce errors, approval rules, response shape.
import assert from '../../support/assert.ts';
import { createHmac, createSign } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { otherKey, signAssertion, withHeader } from '../../support/assertion.ts';
import { authorizeInBrowser } from '../../support/emulator-login.ts';
import { saveSettings } from '../../support/emulator-setup.ts';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

const GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

describe('emulator: JWT bearer grant', () => {
  let stack: TestStack;
  const client = new TestClient();
  const claims = () => ({ iss: stack.config.clientId, sub: stack.config.username, aud: stack.emulatorUrl });
  const exchange = async (assertion: string, extra: Record<string, string> = {}) => {
    const response = await client.post(`${stack.emulatorUrl}/services/oauth2/token`, {
      grant_type: GRANT,
      assertion,
      ...extra,
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      cache: response.headers.get('cache-control'),
      body: (await response.json()) as Record<string, string>,
    };
  };
  const expectError = async (assertion: string, error: string, description: string) => {
    const result = await exchange(assertion);
    assert.equal(result.status, 400);
    assert.match(result.type ?? '', /^application\/json/);
    assert.equal(result.cache, 'no-store');
    assert.deepEqual(result.body, { error, error_description: description });
  };

  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  test("refuses a user who never approved the app: user hasn't approved this consumer", async () => {
    await expectError(signAssertion(claims()), 'invalid_grant', "user hasn't approved this consumer");
  });

  test('refuses a wrong audience, a past exp, another key, alg none, HS256 and garbage', async () => {
    await expectError(
      signAssertion({ ...claims(), aud: 'https://acme.my.salesforce.com' }),
      'invalid_grant',
      'audience is invalid',
    );
    // The emulator is a production org: the sandbox login host is another org type's audience.
    await expectError(
      signAssertion({ ...claims(), aud: 'https://test.salesforce.com' }),
      'invalid_grant',
      'audience is invalid',
    );
    await expectError(
      signAssertion({ ...claims(), aud: [stack.emulatorUrl] as unknown as string }),
      'invalid_grant',
      'audience is invalid',
    );
    await expectError(
      signAssertion({ ...claims(), exp: Math.floor(Date.now() / 1000) - 60 }),
      'invalid_grant',
      'expired authorization code',
    );
    await expectError(signAssertion(claims(), otherKey()), 'invalid_grant', 'invalid assertion');
    const good = signAssertion(claims());
    await expectError(withHeader(good, { alg: 'none' }), 'invalid_grant', 'invalid assertion');
    const hs = withHeader(good, { alg: 'HS256' });
    await expectError(
      `${hs}${createHmac('sha256', 'x').update(hs).digest('base64url')}`,
      'invalid_grant',
      'invalid assertion',
    );
    const [h, p, s] = good.split('.');
    await expectError(`${h}.${p.slice(0, -4)}AAAA.${s}`, 'invalid_grant', 'invalid assertion');
    await expectError('not-a-jwt', 'invalid_grant', 'invalid assertion');
    await expectError(`${h}.@@@.${s}`, 'invalid_grant', 'invalid assertion');
    await expectError(
      `${Buffer.from('[1]').toString('base64url')}.${p}.${s}`,
      'invalid_grant',
      'invalid assertion',
    );
    await expectError(
      signAssertion({ ...claims(), iss: 'someone-else' }),
      'invalid_client_id',
      'client identifier invalid',
    );
  });

  test("refuses an assertion signed with an EC key under RS256, even with that key's certificate on Setup", async () => {
    const { default: selfsigned } = await import('selfsigned');
    const ec = await selfsigned.generate([{ name: 'commonName', value: 'ec' }], {
      keyType: 'ec',
      algorithm: 'sha256',
    });
    const before = stack.emulator?.context.state.settings.certificatePem ?? '';
    assert.equal((await saveSettings(stack, { certificatePem: ec.cert })).status, 200);
    try {
      const unsigned = withHeader(signAssertion(claims()), { alg: 'RS256', typ: 'JWT' });
      const signature = createSign('SHA256')
        .update(unsigned.slice(0, -1))
        .sign(ec.private)
        .toString('base64url');
      await expectError(`${unsigned}${signature}`, 'invalid_grant', 'invalid assertion');
    } finally {
      await saveSettings(stack, { certificatePem: before });
    }
  });

  test('answers a misspelled grant type with unsupported_grant_type', async () => {
    const response = await client.post(`${stack.emulatorUrl}/services/oauth2/token`, {
      grant_type: 'jwt-bearer',
      assertion: 'x',
    });
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), {
      error: 'unsupported_grant_type',
      error_description: 'grant type not supported',
    });
  });

  test('after one interactive approval, returns exactly the five documented fields', async () => {
    await authorizeInBrowser(stack, { response_type: 'code', scope: 'api' });
    const result = await exchange(signAssertion(claims()), { client_id: 'ignored', format: 'json' });
    assert.equal(result.status, 200, JSON.stringify(result.body));
    assert.deepEqual(Object.keys(result.body).sort(), [
      'access_token',
      'id',
      'instance_url',
      'scope',
      'token_type',
    ]);
    assert.match(result.body.access_token, /^00D5j00000PlAyG!/);
    assert.equal(result.body.instance_url, stack.instanceUrl);
    assert.equal(result.body.id, `${stack.emulatorUrl}/id/00D5j00000PlAyGEAV/0055j00000AdMiNAAV`);
    assert.equal(result.body.token_type, 'Bearer');
  });

  test('accepts login.salesforce.com as audience, a far-future exp in milliseconds, exp as a string, and prn over sub', async () => {
    assert.equal(
      (await exchange(signAssertion({ ...claims(), aud: 'https://login.salesforce.com' }))).status,
      200,
    );
    assert.equal((await exchange(signAssertion({ ...claims(), exp: Date.now() + 300 }))).status, 200);
    assert.equal(
      (await exchange(signAssertion({ ...claims(), exp: String(Math.floor(Date.now() / 1000) + 60) })))
        .status,
      200,
    );
    assert.equal(
      (await exchange(signAssertion({ ...claims(), sub: 'nobody@example.com', prn: stack.config.username })))
        .status,
      200,
    );
  });

  test('takes the parameters from the query string of a POST too', async () => {
    const query = new URLSearchParams({ grant_type: GRANT, assertion: signAssertion(claims()) });
    const response = await client.request(`${stack.emulatorUrl}/services/oauth2/token?${query}`, {
      method: 'POST',
    });
    assert.equal(response.status, 200);
  });

  test('refuses the inactive user and an unknown user', async () => {
    await expectError(
      signAssertion({ ...claims(), sub: 'inactive@playground.local' }),
      'invalid_grant',
      'authentication failure',
    );
    await expectError(
      signAssertion({ ...claims(), sub: 'nobody@playground.local' }),
      'invalid_grant',
      "user hasn't approved this consumer",
    );
  });

  test('refuses a GET on the token endpoint with invalid_request', async () => {
    const response = await client.get(`${stack.emulatorUrl}/services/oauth2/token`);
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), {
      error: 'invalid_request',
      error_description: 'must use HTTP POST',
    });
  });
});
