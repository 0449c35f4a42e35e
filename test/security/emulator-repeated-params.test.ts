// A parameter sent twice to the emulator's OAuth endpoints is refused (invalid_request, RFC 6749 §3.1), never
// dropped: a dropped scope granted every scope of the app, a dropped state came back as none, and a dropped
// client_id or token read as a wrong one.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

describe('emulator: repeated parameters', () => {
  let stack: TestStack;
  const client = new TestClient();
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  /** A form or query with some names more than once, as URLSearchParams keeps them. */
  const form = (pairs: [string, string][]) => new URLSearchParams(pairs).toString();
  const post = (path: string, pairs: [string, string][]) =>
    client.request(`${stack.emulatorUrl}${path}`, {
      method: 'POST',
      body: form(pairs),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  const authorize = (pairs: [string, string][]) =>
    client.get(`${stack.emulatorUrl}/services/oauth2/authorize?${form(pairs)}`);
  const login = (): [string, string][] => [
    ['response_type', 'code'],
    ['client_id', stack.config.clientId],
    ['redirect_uri', stack.config.callbackUrl],
  ];

  test('authorize sends invalid_request back to the app when scope or state comes twice', async () => {
    for (const twice of [
      [
        ['scope', 'api'],
        ['scope', 'api'],
      ],
      [
        ['state', 'a'],
        ['state', 'b'],
      ],
    ] as [string, string][][]) {
      const answer = await authorize([...login(), ...twice]);
      assert.equal(answer.status, 302);
      const back = new URL(answer.headers.get('location') ?? '');
      assert.equal(`${back.origin}${back.pathname}`, stack.config.callbackUrl);
      assert.equal(back.searchParams.get('error'), 'invalid_request');
      assert.equal(back.searchParams.get('error_description'), `repeated parameter: ${twice[0][0]}`);
      assert.equal(back.searchParams.get('code'), null);
    }
  });

  test('authorize shows its error page when client_id or redirect_uri comes twice: no address is trusted', async () => {
    const answer = await authorize([...login(), ['redirect_uri', 'https://attacker.example/cb']]);
    assert.notEqual(answer.status, 302);
    assert.match(
      await answer.text(),
      /error=invalid_request&amp;error_description=repeated%20parameter%3A%20redirect_uri/,
    );
    const twiceClient = await authorize([...login(), ['client_id', stack.config.clientId]]);
    assert.notEqual(twiceClient.status, 302);
  });

  test('a repeated parameter no endpoint reads is ignored, as any unknown one is', async () => {
    const answer = await authorize([...login(), ['utm', 'a'], ['utm', 'b']]);
    assert.equal(answer.status, 200, 'the login page');
    // The same answer as without the extra parameter (an error, here: the app has no Run As user).
    const grant: [string, string][] = [
      ['grant_type', 'client_credentials'],
      ['client_id', stack.config.clientId],
      ['client_secret', stack.config.clientSecret ?? ''],
    ];
    const plain = await post('/services/oauth2/token', grant);
    const withExtra = await post('/services/oauth2/token', [...grant, ['x_extra', '1'], ['x_extra', '2']]);
    assert.equal(withExtra.status, plain.status);
    assert.deepEqual(await withExtra.json(), await plain.json());
  });

  test('the token, introspect and revoke endpoints answer invalid_request', async () => {
    const credentials: [string, string][] = [
      ['client_id', stack.config.clientId],
      ['client_secret', stack.config.clientSecret ?? ''],
    ];
    const token = await post('/services/oauth2/token', [
      ['grant_type', 'client_credentials'],
      ...credentials,
      ['client_id', stack.config.clientId],
    ]);
    assert.equal(token.status, 400);
    assert.deepEqual(await token.json(), {
      error: 'invalid_request',
      error_description: 'repeated parameter: client_id',
    });
    const introspect = await post('/services/oauth2/introspect', [
      ...credentials,
      ['token', 'x'],
      ['token', 'x'],
    ]);
    assert.equal(introspect.status, 400);
    assert.equal(((await introspect.json()) as { error: string }).error, 'invalid_request');
    const revoke = await post('/services/oauth2/revoke', [
      ['token', 'x'],
      ['token', 'y'],
    ]);
    assert.equal(revoke.status, 400);
    assert.match(await revoke.text(), /error=invalid_request/);
  });
});
