// Discovery lists private_key_jwt: openid-client configured with it signs a client assertion with the key whose
// certificate is on the app, and the code exchange, the refresh and client credentials accept it in place of the
// secret. An assertion signed with another key, or naming another client, is invalid_client.
import assert from '../../support/assert.ts';
import { createPrivateKey, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as oidc from 'openid-client';
import { ADMIN_ID, changeSettings } from '../../support/emulator-api.ts';
import { authorizeInBrowser } from '../../support/emulator-login.ts';
import { trustingFetch } from '../../support/oidc.ts';
import { startTestStack, TEST_ROOT, testKeyPem, type TestStack } from '../../support/stack.ts';

/** A PEM private key as the CryptoKey openid-client signs with. */
function signingKey(pem: string): Promise<webcrypto.CryptoKey> {
  const der = createPrivateKey(pem).export({ type: 'pkcs8', format: 'der' });
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  return webcrypto.subtle.importKey('pkcs8', der, algorithm, false, ['sign']);
}

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
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: stack.config.callbackUrl,
      scope: 'api refresh_token',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    const callback = await authorizeInBrowser(stack, Object.fromEntries(url.searchParams));
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    const sent = stack.emulator?.received.filter((r) => r.path === '/token').at(-1);
    assert.equal(sent?.params.client_secret, undefined, 'no secret was sent');
    assert.equal(
      sent?.params.client_assertion_type,
      'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    );
    assert.ok((await oidc.refreshTokenGrant(config, tokens.refresh_token as string)).access_token);
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
});
