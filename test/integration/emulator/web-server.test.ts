// Contract tests for the emulator's authorization-code grant: the code, its exchange (PKCE, client authentication,
// redirect_uri) and its refusals.
import assert from '../../support/assert.ts';
import { createHash, createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { authorizeInBrowser } from '../../support/emulator-login.ts';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

const VERIFIER = 'v'.repeat(171); // jsforce-length verifier: longer than RFC 7636's 128, and accepted.
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

describe('emulator: authorize and authorization_code', () => {
  let stack: TestStack;
  const client = new TestClient();
  const getCode = async (query: Record<string, string> = {}) => {
    const callback = await authorizeInBrowser(stack, {
      response_type: 'code',
      scope: 'api refresh_token openid',
      state: 's1',
      code_challenge: CHALLENGE,
      ...query,
    });
    assert.equal(callback.searchParams.get('state'), 's1');
    return callback.searchParams.get('code') ?? '';
  };
  const exchange = async (params: Record<string, string>) => {
    const response = await client.post(`${stack.emulatorUrl}/services/oauth2/token`, {
      grant_type: 'authorization_code',
      client_id: stack.config.clientId,
      client_secret: stack.config.clientSecret ?? '',
      redirect_uri: stack.config.callbackUrl,
      code_verifier: VERIFIER,
      ...params,
    });
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  };

  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  test('issues a code that looks like Salesforce’s and exchanges it for the documented fields', async () => {
    const code = await getCode();
    assert.match(code, /^aPrx[A-Za-z0-9+/]+=*$/);
    const { status, body } = await exchange({ code });
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(body), [
      'access_token',
      'refresh_token',
      'signature',
      'scope',
      'id_token',
      'instance_url',
      'id',
      'token_type',
      'issued_at',
    ]);
    assert.match(body.issued_at, /^\d{13}$/);
    assert.equal(
      body.signature,
      createHmac('sha256', stack.config.clientSecret ?? '')
        .update(body.id + body.issued_at)
        .digest('base64'),
    );
    assert.equal(body.scope, 'api refresh_token openid');
    assert.equal('expires_in' in body, false);
    // The claims Salesforce's id_tokens are seen with, and no others (no jti).
    const claims = JSON.parse(Buffer.from(body.id_token.split('.')[1], 'base64url').toString());
    assert.deepEqual(Object.keys(claims).sort(), [
      'at_hash',
      'aud',
      'custom_attributes',
      'exp',
      'iat',
      'iss',
      'sub',
    ]);
    const received = stack.emulator?.received.filter((r) => r.path === '/token').at(-1);
    assert.equal(received?.params.code_verifier, VERIFIER);
  });

  test('takes the client from HTTP Basic when the form leaves it out, and from the form when it has one', async () => {
    const secret = stack.config.clientSecret ?? '';
    const withBasic = async (form: Record<string, string>, id: string, basicSecret: string) => {
      const response = await client.post(`${stack.emulatorUrl}/services/oauth2/token`, form, {
        authorization: `Basic ${Buffer.from(`${id}:${basicSecret}`).toString('base64')}`,
      });
      return { status: response.status, body: (await response.json()) as Record<string, string> };
    };
    const form = {
      grant_type: 'authorization_code',
      redirect_uri: stack.config.callbackUrl,
      code_verifier: VERIFIER,
    };
    const basicOnly = await withBasic({ ...form, code: await getCode() }, stack.config.clientId, secret);
    assert.equal(basicOnly.status, 200, JSON.stringify(basicOnly.body));
    assert.deepEqual(
      (await withBasic({ ...form, code: await getCode() }, stack.config.clientId, 'wrong')).body,
      {
        error: 'invalid_client',
        error_description: 'invalid client credentials',
      },
    );
    // "If the client_id and client_secret are sent in the POST's body, the authorization header is ignored."
    const both = await withBasic(
      { ...form, code: await getCode(), client_id: stack.config.clientId, client_secret: secret },
      'someone-else',
      'wrong',
    );
    assert.equal(both.status, 200, JSON.stringify(both.body));
  });

  test('rejects a replayed code with expired authorization code', async () => {
    const code = await getCode();
    assert.equal((await exchange({ code })).status, 200);
    assert.deepEqual(await exchange({ code }), {
      status: 400,
      body: { error: 'invalid_grant', error_description: 'expired authorization code' },
    });
  });

  test('rejects a PKCE mismatch and a missing verifier with invalid code verifier', async () => {
    assert.deepEqual((await exchange({ code: await getCode(), code_verifier: 'wrong' })).body, {
      error: 'invalid_grant',
      error_description: 'invalid code verifier',
    });
    assert.deepEqual((await exchange({ code: await getCode(), code_verifier: '' })).body, {
      error: 'invalid_grant',
      error_description: 'invalid code verifier',
    });
  });

  test('rejects a verifier when no challenge was sent', async () => {
    const code = await getCode({ code_challenge: '' });
    assert.deepEqual((await exchange({ code })).body, {
      error: 'invalid_grant',
      error_description: 'unexpected code verifier',
    });
  });

  test('rejects a redirect_uri that differs from the one used at authorize', async () => {
    const { body } = await exchange({ code: await getCode(), redirect_uri: `${stack.config.callbackUrl}/` });
    assert.deepEqual(body, {
      error: 'invalid_grant',
      error_description: 'redirect_uri must match configuration',
    });
  });

  test('rejects a wrong or missing secret while "Require secret" is on, and an unknown client', async () => {
    assert.deepEqual((await exchange({ code: await getCode(), client_secret: 'wrong' })).body, {
      error: 'invalid_client',
      error_description: 'invalid client credentials',
    });
    assert.deepEqual((await exchange({ code: await getCode(), client_secret: '' })).body, {
      error: 'invalid_client',
      error_description: 'invalid client credentials',
    });
    assert.deepEqual((await exchange({ code: 'x', client_id: 'nope' })).body, {
      error: 'invalid_client_id',
      error_description: 'client identifier invalid',
    });
  });
});
