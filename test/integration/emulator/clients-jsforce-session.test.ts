// jsforce's session handling and multi-record calls against the emulator, driven as its users drive them: a
// Connection that refreshes an expired access token by itself (the 'refresh' event), logout with and without
// revoke, OAuth2.refreshToken, retrieve, update and destroy by several ids, and paging by queryMore and maxFetch.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { Connection, OAuth2 } from 'jsforce';
import { loginAndGetToken } from '../../support/emulator-login.ts';
import { standardClientsStack } from '../../support/standard-clients.ts';

describe('jsforce sessions and multi-record calls against the emulator', () => {
  const clients = standardClientsStack();
  const oauth2 = () =>
    new OAuth2({
      loginUrl: clients.stack.emulatorUrl,
      clientId: clients.stack.config.clientId,
      clientSecret: clients.stack.config.clientSecret,
      redirectUri: clients.stack.config.callbackUrl,
    });
  /** A Connection from a web server flow's tokens, with the refresh token, as jsforce's guide sets one up. */
  const signedIn = async (scope = 'api refresh_token') => {
    const tokens = await loginAndGetToken(clients.stack, { scope });
    const connection = new Connection({
      oauth2: oauth2(),
      instanceUrl: tokens.instance_url,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      version: '66.0',
    });
    return { tokens, connection };
  };
  const oneAccount = 'SELECT Id FROM Account LIMIT 1';

  test('an access token past the session timeout: jsforce refreshes once, emits refresh, and the calls succeed', async () => {
    const { tokens, connection } = await signedIn();
    const refreshed: string[] = [];
    connection.on('refresh', (accessToken: string) => refreshed.push(accessToken));
    clients.clock += 121 * 60 * 1000; // past the emulator's default 120-minute session timeout
    const results = await Promise.all([1, 2, 3].map(() => connection.query(oneAccount)));
    assert.deepEqual(
      results.map((result) => result.totalSize),
      [1, 1, 1],
    );
    assert.equal(refreshed.length, 1);
    assert.equal(connection.accessToken, refreshed[0]);
    assert.notEqual(refreshed[0], tokens.access_token);
  });

  test('a token without the api scope is refused for REST and jsforce does not try to refresh it', async () => {
    const { connection } = await signedIn('refresh_token id');
    let refreshes = 0;
    connection.on('refresh', () => refreshes++);
    await assert.rejects(
      async () => connection.query(oneAccount),
      (error: Error) => {
        assert.equal(error.name, 'INVALID_SESSION_ID');
        assert.equal(error.message, 'This session is not valid for use with the REST API');
        return true;
      },
    );
    assert.equal(refreshes, 0);
  });

  test('logout() revokes the access token only; logout(true) the refresh token, and refreshToken then fails', async () => {
    const { tokens, connection } = await signedIn();
    await connection.logout();
    const old = new Connection({ instanceUrl: tokens.instance_url, accessToken: tokens.access_token });
    await assert.rejects(async () => old.query(oneAccount), { name: 'INVALID_SESSION_ID' });
    const renewed = await oauth2().refreshToken(tokens.refresh_token);
    assert.equal(renewed.instance_url, clients.stack.instanceUrl);
    const again = new Connection({
      oauth2: oauth2(),
      instanceUrl: renewed.instance_url,
      accessToken: renewed.access_token,
      refreshToken: tokens.refresh_token,
    });
    await again.logout(true);
    await assert.rejects(oauth2().refreshToken(tokens.refresh_token), (error: Error) => {
      assert.equal(error.name, 'invalid_grant');
      assert.equal(error.message, 'expired access/refresh token');
      return true;
    });
  });

  test('retrieve, update and destroy by several ids: null for an id without a record, a result per id', async () => {
    const { connection } = await signedIn();
    const accounts = connection.sobject('Account');
    const created = await accounts.create([{ Name: 'Many One' }, { Name: 'Many Two' }]);
    const ids = created.map((result) => String(result.id));
    const missing = '001000000000000AAA';
    const retrieved = await accounts.retrieve([ids[0], missing, ids[1]], { fields: ['Name'] });
    assert.deepEqual(
      retrieved.map((record) => record?.Name ?? null),
      ['Many One', null, 'Many Two'],
    );
    const updated = await accounts.update(ids.map((Id) => ({ Id, Industry: 'Media' })));
    assert.deepEqual(
      updated.map((result) => result.success),
      [true, true],
    );
    // Without fields, jsforce describes the object and asks for every field.
    const everyField = await accounts.retrieve(ids);
    assert.deepEqual(
      everyField.map((record) => [record?.Id, record?.Industry]),
      [
        [ids[0], 'Media'],
        [ids[1], 'Media'],
      ],
    );
    assert.deepEqual(await accounts.destroy(ids), [
      { id: ids[0], success: true, errors: [] },
      { id: ids[1], success: true, errors: [] },
    ]);
    const twice = await accounts.destroy(ids);
    assert.deepEqual(twice[0], {
      id: ids[0],
      success: false,
      errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }],
    });
  });

  test('queryMore by the nextRecordsUrl, and autoFetch stopping at maxFetch', async () => {
    const { connection } = await signedIn();
    const first = await connection.query('SELECT Id FROM Contact');
    assert.equal(first.done, false);
    assert.equal(first.records.length, 2000);
    const rest = await connection.queryMore(String(first.nextRecordsUrl));
    assert.equal(rest.done, true);
    assert.equal(first.records.length + rest.records.length, first.totalSize);
    const capped = await connection.query('SELECT Id FROM Contact', { autoFetch: true, maxFetch: 2100 });
    assert.equal(capped.records.length, 2100);
    assert.equal(capped.totalSize, first.totalSize);
    await assert.rejects(
      async () => connection.queryMore('01gXXXXXXXXXXXXAAA-2000'),
      (error: Error) => {
        assert.equal(error.name, 'INVALID_QUERY_LOCATOR');
        return true;
      },
    );
  });
});
