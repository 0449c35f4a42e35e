// The username-password flow's request, built before anything is sent: the password with the security token once,
// and a password that already ends with the token refused only when the token is one (24 or 25 characters).
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { FlowError } from '../../../server/attempts/attempt.ts';
import { buildRequest } from '../../../server/flows/usernamePassword.ts';

const APP = { clientId: '3MVG9x', clientSecret: 's' };
const TOKEN = 'HArBIGeXaRyFmjp5xWgsZ0P5';

describe('username-password request', () => {
  test('a password already ending with the token, the token typed again: refused, nothing to send', () => {
    assert.throws(
      () => buildRequest(APP, { username: 'u', password: `hunter2${TOKEN}`, securityToken: TOKEN }),
      (error: unknown) => error instanceof FlowError && error.error === 'security_token_twice',
    );
    assert.equal(
      buildRequest(APP, { username: 'u', password: 'hunter2', securityToken: TOKEN }).password,
      `hunter2${TOKEN}`,
    );
  });

  test('a short token that happens to end the password (Summer2024 and 4) is sent: a mistyped token, not a twice', () => {
    for (const [password, securityToken] of [
      ['Summer2024', '4'],
      ['Welcome1!', '1!'],
    ])
      assert.equal(
        buildRequest(APP, { username: 'u', password, securityToken }).password,
        `${password}${securityToken}`,
      );
  });
});
