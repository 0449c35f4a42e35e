// jsforce and the Salesforce CLI against the emulator, driven as their users drive them: jsforce's OAuth2 and
// Connection for client credentials, its SOAP login refused with a way forward, and the device flow exactly as
// sfdx-core (DeviceOauthService) performs it.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import FormData from 'form-data';
import { Connection, OAuth2 } from 'jsforce';
import { Transport } from 'jsforce/lib/transport.js';
import { answerDeviceCode } from '../../support/device.ts';
import { ADMIN_ID } from '../../support/emulator-api.ts';
import { standardClientsStack } from '../../support/standard-clients.ts';

describe('standard clients against the emulator', () => {
  const clients = standardClientsStack();
  /** A Connection that signs in with client credentials on My Domain, as jsforce's users configure one. */
  const clientCredentialsConnection = () =>
    new Connection({
      oauth2: {
        loginUrl: clients.stack.instanceUrl,
        clientId: clients.stack.config.clientId,
        clientSecret: clients.stack.config.clientSecret,
      },
      version: '66.0',
    });

  test('jsforce: login() without oauth2 (SOAP) ends on a fault saying to sign in with OAuth, not on raw JSON', async () => {
    const { stack } = clients;
    const connection = new Connection({ loginUrl: stack.emulatorUrl, logLevel: 'FATAL' });
    await assert.rejects(
      connection.login(stack.config.username, stack.config.emulator.password),
      (error: Error) => {
        assert.match(
          error.message,
          /^The SOAP API \(login\(\) included\) is not served by this local emulator/,
        );
        assert.match(error.message, /give the Connection an oauth2 option/);
        return true;
      },
    );
  });

  test('jsforce: OAuth2.requestToken({ grant_type: "client_credentials" }) on My Domain, refused on the login host', async () => {
    const { stack } = clients;
    const oauth2 = (loginUrl: string) =>
      new OAuth2({ loginUrl, clientId: stack.config.clientId, clientSecret: stack.config.clientSecret });
    const tokens = await oauth2(stack.instanceUrl).requestToken({ grant_type: 'client_credentials' });
    assert.equal(tokens.instance_url, stack.instanceUrl);
    assert.equal(tokens.refresh_token, undefined);
    await assert.rejects(
      oauth2(stack.emulatorUrl).requestToken({ grant_type: 'client_credentials' }),
      (error: Error) => {
        assert.equal(error.name, 'invalid_grant');
        assert.equal(error.message, 'request not supported on this domain');
        return true;
      },
    );
  });

  test('jsforce: Connection.authorize with client credentials, then a query on instance_url', async () => {
    const { stack } = clients;
    const connection = clientCredentialsConnection();
    const user = await connection.authorize({ grant_type: 'client_credentials' });
    assert.equal(user.id, ADMIN_ID);
    assert.equal(connection.instanceUrl, stack.instanceUrl);
    const result = await connection.query<{ Name: string }>('SELECT Name FROM Account ORDER BY Name LIMIT 1');
    assert.equal(result.records[0].Name, 'Acme Inc.');
  });

  test('jsforce: Bulk API 1.0 (bulk.load) ends on its own error form, saying the emulator does not serve it', async () => {
    const connection = clientCredentialsConnection();
    await connection.authorize({ grant_type: 'client_credentials' });
    // A Batch: a stream that is also thenable, awaited as its users do.
    const load = async () => {
      await connection.bulk.load('Account', 'insert', [{ Name: 'Bulk One' }]);
    };
    await assert.rejects(load, (error: Error) => {
      assert.match(
        error.message,
        /^Bulk API 1\.0 \(\/services\/async\) is not served by this local emulator/,
      );
      assert.match(error.message, /sObject Collections/);
      return true;
    });
  });

  test('the device flow as sfdx-core performs it: FormData bodies, response_type=device_code, then grant_type=device&code=', async () => {
    const { stack } = clients;
    // sfdx-core's DeviceOauthService: jsforce's Transport, form-data's buffer and headers over its JSON headers.
    const sfdxHeaders = { 'content-type': 'application/json', 'user-agent': 'sfdx toolbelt:' };
    const send = async (fields: Record<string, string>) => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      const raw = await new Transport().httpRequest({
        url: `${stack.emulatorUrl}/services/oauth2/token`,
        method: 'POST',
        headers: { ...sfdxHeaders, ...form.getHeaders() },
        body: form.getBuffer(),
      });
      return { status: raw.statusCode, body: JSON.parse(raw.body) as Record<string, string | number> };
    };
    const login = await send({
      client_id: stack.config.clientId,
      response_type: 'device_code',
      scope: 'refresh_token web api',
    });
    assert.equal(login.status, 200);
    assert.deepEqual(Object.keys(login.body).sort(), [
      'device_code',
      'interval',
      'user_code',
      'verification_uri',
    ]);
    const poll = () =>
      send({ client_id: stack.config.clientId, grant_type: 'device', code: String(login.body.device_code) });
    const first = await poll();
    // The CLI keeps polling only on exactly this: status 400 and error authorization_pending.
    assert.equal(first.status, 400);
    assert.equal(first.body.error, 'authorization_pending');
    const answered = await answerDeviceCode(
      stack,
      String(login.body.verification_uri),
      String(login.body.user_code),
    );
    assert.match(answered.html, /You're connected/);
    clients.clock += Number(login.body.interval) * 1000; // the CLI waits `interval` seconds between polls
    const approved = await poll();
    assert.equal(approved.status, 200);
    for (const key of [
      'access_token',
      'refresh_token',
      'signature',
      'scope',
      'instance_url',
      'id',
      'token_type',
      'issued_at',
    ]) {
      assert.equal(typeof approved.body[key], 'string', key);
    }
    assert.equal(approved.body.instance_url, stack.instanceUrl);
    const received = stack.emulator?.received.filter((r) => r.path === '/token').at(-1);
    assert.match(received?.headers['content-type'] ?? '', /^multipart\/form-data; boundary=/);
  });
});
