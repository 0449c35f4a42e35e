// openid-client against the emulator, driven as its users drive it: discovery on the My Domain, client credentials
// and the code flow with the secret in the form or as HTTP Basic, refresh, introspection, userinfo and revocation,
// and id_tokens checked against the JWKS.
import assert from '../../support/assert.ts';
import { createHash } from 'node:crypto';
import https from 'node:https';
import { before, describe, test } from 'node:test';
import * as oidc from 'openid-client';
import { codeFlow, trustingFetch } from '../../support/oidc.ts';
import { authorizeInBrowser, loginAndGetToken } from '../../support/emulator-login.ts';
import { ca, standardClientsStack } from '../../support/standard-clients.ts';

describe('standard clients against the emulator', () => {
  const clients = standardClientsStack();

  let config: oidc.Configuration;
  /** The discovered configuration with the secret sent as HTTP Basic (client_secret_basic) instead of in the form. */
  const withBasicAuth = () => {
    const { stack } = clients;
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
    const { stack } = clients;
    fetchTrustingLocalCa = trustingFetch(new https.Agent({ ca: ca() }));
    config = await oidc.discovery(
      new URL(stack.instanceUrl),
      stack.config.clientId,
      stack.config.clientSecret,
      undefined,
      { [oidc.customFetch]: fetchTrustingLocalCa },
    );
  });

  test('openid-client discovers My Domain and runs clientCredentialsGrant, with the secret in the body and in Basic', async () => {
    const { stack } = clients;
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
    const { stack } = clients;
    const login = await loginAndGetToken(stack, { scope: 'api refresh_token openid' });
    const refreshed = await oidc.refreshTokenGrant(config, login.refresh_token);
    assert.ok(refreshed.access_token);
    assert.equal(refreshed.claims()?.iss, stack.instanceUrl);
    const introspection = await oidc.tokenIntrospection(config, refreshed.access_token);
    assert.equal(introspection.active, true);
    assert.equal(introspection.username, stack.config.username);
    assert.equal(introspection.exp, Math.floor(clients.clock / 1000) + 120 * 60);
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
    const { stack } = clients;
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

  test('openid-client with enableNonRepudiationChecks: id_tokens verified against the JWKS, at_hash matching', async () => {
    const { stack } = clients;
    for (const host of [stack.emulatorUrl, stack.instanceUrl]) {
      const strict = await oidc.discovery(
        new URL(host),
        stack.config.clientId,
        stack.config.clientSecret,
        undefined,
        {
          [oidc.customFetch]: fetchTrustingLocalCa,
        },
      );
      // Fetches jwks_uri and checks each id_token's RS256 signature with the key its kid names.
      oidc.enableNonRepudiationChecks(strict);
      const tokens = await codeFlow(strict, stack, 'openid api refresh_token');
      const refreshed = await oidc.refreshTokenGrant(strict, tokens.refresh_token as string);
      for (const answer of [tokens, refreshed]) {
        const claims = answer.claims();
        assert.equal(claims?.iss, host);
        assert.equal(claims?.aud, stack.config.clientId);
        const digest = createHash('sha256').update(answer.access_token).digest();
        assert.equal(claims?.at_hash, digest.subarray(0, 16).toString('base64url'));
      }
      // The userinfo sub is the id_token's; another expected subject is refused by the client.
      const sub = tokens.claims()?.sub as string;
      assert.equal((await oidc.fetchUserInfo(strict, tokens.access_token, sub)).sub, sub);
      await assert.rejects(oidc.fetchUserInfo(strict, tokens.access_token, `${sub}x`), {
        code: 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED',
      });
    }
  });

  test('openid-client with client_secret_basic, which discovery lists: the code flow and a refresh', async () => {
    const { stack } = clients;
    const basic = withBasicAuth();
    const tokens = await codeFlow(basic, stack, 'api refresh_token');
    const refreshed = await oidc.refreshTokenGrant(basic, tokens.refresh_token as string);
    assert.ok(refreshed.access_token);
    const sent = stack.emulator?.received.filter((r) => r.path === '/token').at(-1);
    assert.match(sent?.headers.authorization ?? '', /^Basic /);
    assert.equal(sent?.params.client_secret, undefined);
  });
});
