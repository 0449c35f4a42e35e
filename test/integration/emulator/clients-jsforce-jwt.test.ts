// jsforce, unchanged, with the emulator's JWT-based access tokens: it queries and reads the identity with one, knows
// it for a JWT (and so keeps it from the SOAP API), and past its exp refreshes once to a new JWT, as with a real org.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { Connection, OAuth2 } from 'jsforce';
import 'jsforce/lib/api/soap.js';
import { changeSettings } from '../../support/emulator-api.ts';
import { loginAndGetToken } from '../../support/emulator-login.ts';
import { decodeJwt } from '../../support/jwt-access-tokens.ts';
import { standardClientsStack } from '../../support/standard-clients.ts';

describe('jsforce with JWT-based access tokens', () => {
  const clients = standardClientsStack();

  test('queries, reads the identity, refuses SOAP itself, and refreshes past exp to a new JWT', async () => {
    const { stack } = clients;
    await changeSettings(stack, { namedUserJwtEnabled: 'on', namedUserJwtTimeout: '1' });
    const tokens = await loginAndGetToken(stack, { scope: 'api refresh_token' });
    assert.equal(tokens.token_format, 'jwt');
    const connection = new Connection({
      oauth2: new OAuth2({
        loginUrl: stack.emulatorUrl,
        clientId: stack.config.clientId,
        clientSecret: stack.config.clientSecret,
        redirectUri: stack.config.callbackUrl,
      }),
      instanceUrl: tokens.instance_url,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      version: '66.0',
    });
    assert.equal((await connection.query('SELECT Id FROM Account LIMIT 1')).totalSize, 1);
    const identity = await connection.identity();
    assert.equal(identity.username, stack.config.username);
    await assert.rejects(
      async () => connection.soap.getUserInfo(),
      /SOAP API does not support JWT-based access tokens/,
      'jsforce tells a JWT from an opaque token',
    );
    const refreshed: string[] = [];
    connection.on('refresh', (accessToken: string) => refreshed.push(accessToken));
    clients.clock = ((decodeJwt(tokens.access_token).claims.exp as number) + 1) * 1000;
    assert.equal((await connection.query('SELECT Id FROM Account LIMIT 1')).totalSize, 1);
    assert.equal(refreshed.length, 1, 'one refresh, on INVALID_SESSION_ID');
    assert.equal(decodeJwt(refreshed[0]).header.tty, 'sfdc-core-token', 'the new token is a JWT too');
    assert.equal(connection.accessToken, refreshed[0]);
  });
});
