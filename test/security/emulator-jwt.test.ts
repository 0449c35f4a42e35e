// Attacks on the emulator's JWT bearer grant: header tricks that try to choose the key, and aud, iss, sub, exp tricks.
// Already refused elsewhere and not repeated here: alg none, HS256 signed with the certificate, another key, a
// tampered payload, a wrong or array aud, a past exp and a wrong iss (test/integration/emulator/jwt-bearer.test.ts).
import assert from '../support/assert.ts';
import { createPublicKey, createSign } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import njwt from 'njwt';
import { otherKey, signAssertion, testJwtKey } from '../support/assertion.ts';
import { authorizeInBrowser } from '../support/emulator-login.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** A JWT with any header, signed RS256 by `key` (so only the header's claims about keys are the trick). */
function signedWithHeader(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  key: string,
): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signedPart = `${part(header)}.${part(claims)}`;
  return `${signedPart}.${createSign('RSA-SHA256').update(signedPart).sign(key, 'base64url')}`;
}

describe('emulator JWT bearer grant under attack', () => {
  let stack: TestStack;
  const client = new TestClient();
  before(async () => {
    stack = await startTestStack();
    // The admin approves the app once: from then on only the assertion itself can be refused.
    await authorizeInBrowser(stack, { response_type: 'code' });
  });
  after(() => stack.close());

  const token = (params: Record<string, string>) =>
    client.post(`${stack.emulatorUrl}/services/oauth2/token`, params);

  test('JWT header tricks (kid, embedded jwk or x5c, alg spelling) never choose the verifying key', async () => {
    const claims = {
      iss: stack.config.clientId,
      sub: stack.config.username,
      aud: 'https://login.salesforce.com',
      exp: Math.floor(Date.now() / 1000) + 180,
    };
    const attackerKey = otherKey();
    const attackerJwk = createPublicKey(attackerKey).export({ format: 'jwk' });
    const assertions = [
      signedWithHeader({ alg: 'RS256', kid: '../../certs/jwt.key' }, claims, attackerKey),
      signedWithHeader({ alg: 'RS256', kid: 'https://evil.example/jwks' }, claims, attackerKey),
      signedWithHeader({ alg: 'RS256', jwk: attackerJwk }, claims, attackerKey),
      signedWithHeader({ alg: 'RS256', x5c: ['MIIBattacker'] }, claims, attackerKey),
      signedWithHeader({ alg: 'rs256' }, claims, testJwtKey()),
      signedWithHeader({ alg: ['RS256'] }, claims, testJwtKey()),
      njwt.create(claims, testJwtKey(), 'RS512').compact(),
      signedWithHeader({ alg: 'PS256' }, claims, testJwtKey()),
    ];
    for (const assertion of assertions) {
      const answer = await token({ grant_type: JWT_GRANT, assertion });
      assert.equal(answer.status, 400);
      assert.deepEqual(await answer.json(), {
        error: 'invalid_grant',
        error_description: 'invalid assertion',
      });
    }
    const genuine = await token({
      grant_type: JWT_GRANT,
      assertion: signedWithHeader({ alg: 'RS256' }, claims, testJwtKey()),
    });
    assert.equal(genuine.status, 200, 'the same claims, properly signed, are accepted');
  });

  test('JWT aud, iss and sub tricks are refused with Salesforce’s answers', async () => {
    const claims = {
      iss: stack.config.clientId,
      sub: stack.config.username,
      aud: 'https://login.salesforce.com',
    };
    const refusals: [Record<string, unknown>, string, string][] = [
      [{ aud: 'https://login.salesforce.com.evil.example' }, 'invalid_grant', 'audience is invalid'],
      [{ aud: 'https://login.salesforce.com/services/oauth2/token' }, 'invalid_grant', 'audience is invalid'],
      [{ aud: 'http://login.salesforce.com' }, 'invalid_grant', 'audience is invalid'],
      [{ aud: 'login.salesforce.com' }, 'invalid_grant', 'audience is invalid'],
      [{ iss: [stack.config.clientId] }, 'invalid_client_id', 'client identifier invalid'],
      [{ iss: `${stack.config.clientId} ` }, 'invalid_client_id', 'client identifier invalid'],
      [{ sub: '__proto__' }, 'invalid_grant', "user hasn't approved this consumer"],
      [{ sub: [stack.config.username] }, 'invalid_grant', "user hasn't approved this consumer"],
      [{ exp: 'soon' }, 'invalid_grant', 'expired authorization code'],
      [{ exp: { valueOf: 1e12 } }, 'invalid_grant', 'expired authorization code'],
    ];
    for (const [change, error, description] of refusals) {
      const answer = await token({
        grant_type: JWT_GRANT,
        assertion: signAssertion({ ...claims, ...change } as typeof claims),
      });
      assert.equal(answer.status, 400, JSON.stringify(change));
      assert.deepEqual(
        await answer.json(),
        { error, error_description: description },
        JSON.stringify(change),
      );
    }
  });
});
