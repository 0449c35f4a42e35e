// The APIs the emulator does not serve (SOAP, GraphQL, UI API, Apex REST, Bulk API 1.0, Streaming, dynamic client
// registration, token exchange, which needs an Apex handler) answer in the error form their clients read: simple_salesforce's SOAP login reads sf:exceptionCode
// and sf:exceptionMessage (with Python's minidom, as it does), a Bulk API 1.0 client the XML error document, a
// CometD client a failed handshake that says not to reconnect, openid-client an OAuth error.
import assert from '../../support/assert.ts';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../support/http.ts';
import * as oidc from 'openid-client';
import { trustingFetch } from '../../support/oidc.ts';
import { restClientFor } from '../../support/rest.ts';
import { startTestStack, TEST_ROOT, type TestStack } from '../../support/stack.ts';

/** What simple_salesforce's soap_login does with a fault: minidom, the element by its prefixed name. */
const READ_LIKE_SIMPLE_SALESFORCE = `
import sys, xml.dom.minidom
dom = xml.dom.minidom.parseString(sys.stdin.buffer.read())
for name in ("sf:exceptionCode", "sf:exceptionMessage"):
    print(dom.getElementsByTagName(name)[0].firstChild.data)
`;

describe('emulator: APIs it does not serve say so in their own error forms', () => {
  let stack: TestStack;
  const client = new TestClient();
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  test('token exchange, a grant Salesforce runs, is refused as by an org with no handler, not as an unknown grant', async () => {
    for (const grantType of ['token-exchange', 'hybrid-token-exchange']) {
      const answer = await client.post(`${stack.instanceUrl}/services/oauth2/token`, {
        grant_type: `urn:ietf:params:oauth:grant-type:${grantType}`,
        subject_token: 'an.identity.providers.token',
        subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
        client_id: stack.config.clientId,
      });
      assert.equal(answer.status, 400);
      assert.equal(answer.headers.get('cache-control'), 'no-store');
      assert.deepEqual(await answer.json(), {
        error: 'invalid_request',
        error_description: 'token handler not found',
      });
    }
  });

  test('SOAP login(): a fault whose exceptionCode and exceptionMessage are where SOAP clients read them', async () => {
    const answer = await client.request(`${stack.emulatorUrl}/services/Soap/u/62.0`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml', SOAPAction: 'login' },
      body: '<soapenv:Envelope/>',
    });
    assert.equal(answer.status, 500);
    const read = spawnSync('python3', ['-c', READ_LIKE_SIMPLE_SALESFORCE], { input: await answer.text() });
    assert.equal(read.status, 0, read.stderr.toString());
    const [code, message] = read.stdout.toString().trim().split('\n');
    assert.equal(code, 'INVALID_OPERATION');
    assert.match(message, /^The SOAP API \(login\(\) included\) is not served by this local emulator/);
    // A client pointed at a current version meets Salesforce's own gap too: login() is gone from 65.0 on.
    assert.match(
      message,
      /no SOAP login\(\) from API 65\.0 \(Winter '26\) on, and retires it .* in Summer '27/,
    );
  });

  test('SOAP for Apex and Metadata (sf apex run, sf project deploy) names that API, not login()', async () => {
    const post = (path: string) =>
      client.request(`${stack.instanceUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml', SOAPAction: 'x' },
        body: '<soapenv:Envelope/>',
      });
    const apex = await (await post('/services/Soap/s/66.0/00D5j00000PlAyG')).text();
    assert.match(
      apex,
      /<faultstring>The Apex SOAP API \(executeAnonymous, which sf apex run uses\) is not served/,
    );
    assert.doesNotMatch(apex, /login\(\)/);
    const metadata = await (await post('/services/Soap/m/66.0')).text();
    assert.match(metadata, /<faultstring>The Metadata API \(deploy, retrieve and listMetadata/);
  });

  test('GraphQL, UI API, Apex REST and the front door (sf org open) say what is missing instead of "does not exist"', async () => {
    const rest = await restClientFor(stack);
    const graphql = await rest.send('POST', '/graphql', {
      query: '{ uiapi { query { Account { edges { node { Id } } } } } }',
    });
    assert.equal(graphql.status, 404);
    assert.match(graphql.body[0].message, /^The graphql resource is not served by this local emulator/);
    const uiApi = await rest.get('/ui-api/object-info/Account');
    assert.match(uiApi.body[0].message, /^The ui-api resource is not served by this local emulator/);
    const singleAccess = await rest.get('/services/oauth2/singleaccess');
    assert.equal(singleAccess.status, 404);
    assert.match(
      singleAccess.body[0].message,
      /^The front door to Salesforce's UI \(singleaccess and frontdoor/,
    );
    const frontDoor = await client.get(`${stack.instanceUrl}/secur/frontdoor.jsp?otp=x`, {
      accept: 'text/html',
    });
    assert.equal(frontDoor.status, 404);
    assert.match(await frontDoor.text(), /Salesforce&#39;s UI is not part of the local emulator/);
    // Without a session, both answer as every API call does, before looking for the resource.
    for (const path of ['/services/apexrest/MyService', '/services/oauth2/singleaccess']) {
      const anonymous = await client.get(`${stack.instanceUrl}${path}`);
      assert.equal(anonymous.status, 401, path);
      assert.deepEqual(await anonymous.json(), [
        { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
      ]);
    }
    const apexRest = await rest.get('/services/apexrest/MyService');
    assert.equal(apexRest.status, 404);
    assert.deepEqual(apexRest.body, [
      {
        errorCode: 'NOT_FOUND',
        message:
          'Could not find a match for URL (Local emulator: Apex REST services are Apex classes of a real org; this emulator runs no Apex.)',
      },
    ]);
  });

  test('Bulk API 1.0: its XML error document, naming what the emulator serves instead', async () => {
    const answer = await client.get(`${stack.emulatorUrl}/services/async/62.0/job/750000000000001`);
    assert.equal(answer.status, 404);
    assert.match(answer.headers.get('content-type') ?? '', /^application\/xml/);
    const body = await answer.text();
    assert.match(body, /<exceptionCode>InvalidUrl<\/exceptionCode>/);
    assert.match(
      body,
      /<exceptionMessage>Bulk API 1\.0 \(\/services\/async\) is not served by this local emulator/,
    );
  });

  test('dynamic client registration, which discovery lists: an OAuth error openid-client reads, naming the limit', async () => {
    const fetchTrusting = trustingFetch(
      new https.Agent({ ca: readFileSync(path.join(TEST_ROOT, 'certs', 'server.crt')) }),
    );
    await assert.rejects(
      oidc.dynamicClientRegistration(
        new URL(stack.instanceUrl),
        { redirect_uris: ['https://localhost:1/cb'] },
        undefined,
        { [oidc.customFetch]: fetchTrusting },
      ),
      (error: Error & { error?: string; error_description?: string }) => {
        assert.equal(error.error, 'invalid_request');
        assert.match(
          error.error_description ?? '',
          /^Dynamic client registration \(\/services\/oauth2\/register\) is not served by this local emulator/,
        );
        return true;
      },
    );
  });

  test('Streaming API: a failed CometD handshake with advice not to reconnect', async () => {
    const answer = await client.request(`${stack.instanceUrl}/cometd/62.0/handshake`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'] },
      ]),
    });
    assert.equal(answer.status, 200);
    const [reply] = (await answer.json()) as Record<string, unknown>[];
    assert.equal(reply.channel, '/meta/handshake');
    assert.equal(reply.successful, false);
    assert.deepEqual(reply.advice, { reconnect: 'none' });
    assert.match(
      String(reply.error),
      /^403::The Streaming API \(CometD\) is not served by this local emulator/,
    );
  });
});
