// Discovery lists private_key_jwt: openid-client configured with it signs a client assertion with the key whose
// certificate is on the app, and the code exchange, the refresh, client credentials and introspection accept it in
// place of the secret. An assertion signed with another key, or naming another client, is invalid_client.
import assert from '../../support/assert.ts';
import { createPrivateKey, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as oidc from 'openid-client';
import { signAssertion, type AssertionClaims } from '../../support/assertion.ts';
import { ADMIN_ID, changeSettings, postToken } from '../../support/emulator-api.ts';
import { codeFlow, trustingFetch } from '../../support/oidc.ts';
import { startTestStack, TEST_ROOT, testKeyPem, type TestStack } from '../../support/stack.ts';

/** A PEM private key as the CryptoKey openid-client signs with. */
function signingKey(pem: string): Promise<webcrypto.CryptoKey> {
  const der = createPrivateKey(pem).export({ type: 'pkcs8', format: 'der' });
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  return webcrypto.subtle.importKey('pkcs8', der, algorithm, false, ['sign']);
}

const TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

describe('private_key_jwt client authentication at the emulator', () => {
  let stack: TestStack;
  let fetchTrustingLocalCa: oidc.CustomFetch;
  /** My Domain's discovered configuration, authenticating the client with an assertion signed by `pem`. */
  const configured = async (pem: string, clientId = stack.config.clientId) => {
    const config = await oidc.discovery(
      new URL(stack.instanceUrl),
      clientId,
      undefined,
      oidc.PrivateKeyJwt(await signingKey(pem)),
      { [oidc.customFetch]: fetchTrustingLocalCa },
    );
    config[oidc.customFetch] = fetchTrustingLocalCa;
    return config;
  };
  const refusedAsClient = (error: Error & { error?: string; error_description?: string }) => {
    assert.equal(error.error, 'invalid_client');
    assert.equal(error.error_description, 'invalid client credentials');
    return true;
  };

  before(async () => {
    stack = await startTestStack();
    await changeSettings(stack, { runAsUserId: ADMIN_ID });
    fetchTrustingLocalCa = trustingFetch(
      new https.Agent({ ca: readFileSync(path.join(TEST_ROOT, 'certs', 'server.crt')) }),
    );
  });
  after(() => stack.close());

  test('the code flow with PKCE, then a refresh, authenticated by assertions alone', async () => {
    const config = await configured(readFileSync(stack.config.jwtKeyFile, 'utf8'));
    const tokens = await codeFlow(config, stack, 'api refresh_token');
    const sent = stack.emulator?.received.filter((r) => r.path === '/token').at(-1);
    assert.equal(sent?.params.client_secret, undefined, 'no secret was sent');
    assert.equal(
      sent?.params.client_assertion_type,
      'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    );
    assert.ok((await oidc.refreshTokenGrant(config, tokens.refresh_token as string)).access_token);
  });

  test('introspection takes the same assertion in place of the secret; one signed with another key is refused', async () => {
    const config = await configured(readFileSync(stack.config.jwtKeyFile, 'utf8'));
    const tokens = await codeFlow(config, stack, 'api refresh_token');
    const introspected = await oidc.tokenIntrospection(config, tokens.access_token);
    assert.equal(introspected.active, true);
    assert.equal(introspected.client_id, stack.config.clientId);
    const otherKey = await configured(testKeyPem('unknown-to-emulator'));
    await assert.rejects(oidc.tokenIntrospection(otherKey, tokens.access_token), refusedAsClient);
  });

  test('client credentials on My Domain with an assertion', async () => {
    const config = await configured(readFileSync(stack.config.jwtKeyFile, 'utf8'));
    assert.ok((await oidc.clientCredentialsGrant(config)).access_token);
  });

  test('an assertion signed with another key, or naming another client, is invalid_client', async () => {
    const otherKey = await configured(testKeyPem('unknown-to-emulator'));
    await assert.rejects(oidc.clientCredentialsGrant(otherKey), refusedAsClient);
    const otherClient = await configured(readFileSync(stack.config.jwtKeyFile, 'utf8'), '3MVG9SomeoneElse');
    await assert.rejects(oidc.clientCredentialsGrant(otherClient), refusedAsClient);
  });

  test('refused as invalid_client: another audience, an expired or far-future exp, a bare type, another client_id', async () => {
    const { clientId } = stack.config;
    const tokenUrl = `${stack.instanceUrl}/services/oauth2/token`;
    const now = Math.floor(Date.now() / 1000);
    const assertion = (claims: Partial<AssertionClaims> = {}) =>
      signAssertion({ iss: clientId, sub: clientId, aud: tokenUrl, ...claims });
    const send = (form: Record<string, string>) =>
      postToken(stack.instanceUrl, { grant_type: 'client_credentials', ...form });
    const asClient = (value: string) => ({ client_assertion_type: TYPE, client_assertion: value });
    assert.equal((await send(asClient(assertion()))).status, 200, 'the well-formed one is accepted');
    for (const [why, form] of [
      ['another audience', asClient(assertion({ aud: 'https://example.com' }))],
      ['expired', asClient(assertion({ exp: now - 60 }))],
      ['an hour ahead', asClient(assertion({ exp: now + 3600 }))],
      ['a type without an assertion', { client_assertion_type: TYPE }],
      ['another client_id beside it', { ...asClient(assertion()), client_id: '3MVG9SomeoneElse' }],
    ] as const) {
      const answer = await send(form);
      assert.equal(answer.status, 400, why);
      assert.deepEqual(
        answer.body,
        { error: 'invalid_client', error_description: 'invalid client credentials' },
        why,
      );
    }
  });
});
