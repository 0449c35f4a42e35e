// Contract tests for the emulator's REST API: versions, SOQL over seeded data, paging, sObjects, exact errors.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loginAndGetToken } from '../../support/emulator-login.ts';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('emulator: REST API', () => {
  let stack: TestStack;
  let token: string;
  const client = new TestClient();
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await client.get(`${stack.emulatorUrl}${path}`, {
      authorization: `Bearer ${token}`,
      ...headers,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & unknown[] };
  };
  const soql = (q: string, headers?: Record<string, string>) =>
    get(`/services/data/v66.0/query?q=${encodeURIComponent(q)}`, headers);

  before(async () => {
    stack = await startTestStack();
    token = (await loginAndGetToken(stack, { scope: 'api' })).access_token;
  });
  after(() => stack.close());

  test('lists versions without authentication, oldest first', async () => {
    const response = await new TestClient().get(`${stack.emulatorUrl}/services/data/`);
    const versions = (await response.json()) as { label: string; url: string; version: string }[];
    assert.deepEqual(versions[0], { label: "Summer '14", url: '/services/data/v31.0', version: '31.0' });
    assert.deepEqual(
      versions.find((v) => v.version === '62.0'),
      { label: "Winter '25", url: '/services/data/v62.0', version: '62.0' },
    );
    assert.equal(versions.at(-1)?.version, '66.0');
  });

  test('returns records with attributes and canonical field case, parents nested', async () => {
    const { status, body } = await soql(
      "select name, id, account.name from contact where Account.Name like 'acme%' order by Name limit 2",
    );
    assert.equal(status, 200);
    assert.equal(body.totalSize, 2);
    assert.equal(body.done, true);
    const [first] = body.records as Record<string, unknown>[];
    assert.deepEqual(Object.keys(first), ['attributes', 'Name', 'Id', 'Account']);
    assert.deepEqual(first.attributes, {
      type: 'Contact',
      url: `/services/data/v66.0/sobjects/Contact/${first.Id}`,
    });
    assert.equal((first.Account as Record<string, unknown>).Name, 'Acme Inc.');
  });

  test('runs the sample queries and COUNT()', async () => {
    const accounts = await soql('SELECT Id, Name FROM Account ORDER BY Name LIMIT 10');
    const names = (accounts.body.records as { Name: string }[]).map((r) => r.Name);
    assert.equal(names.length, 10);
    assert.deepEqual(
      names,
      [...names].sort((a, b) => a.localeCompare(b)),
    );
    const caseRow = await soql('SELECT CaseNumber, Subject FROM Case LIMIT 1');
    assert.deepEqual(Object.keys((caseRow.body.records as object[])[0]), [
      'attributes',
      'CaseNumber',
      'Subject',
    ]);
    assert.deepEqual(
      (
        await soql(
          "SELECT COUNT() FROM Case WHERE Status = 'Closed' OR (Priority = 'High' AND NOT Origin = 'Web')",
        )
      ).body,
      { totalSize: 7, done: true, records: [] },
    );
    assert.equal(
      (
        await soql(
          "SELECT Id FROM Opportunity WHERE Amount > 100000 AND StageName IN ('Closed Won', 'Prospecting')",
        )
      ).status,
      200,
    );
    assert.equal((await soql('SELECT Id FROM Account LIMIT 5 OFFSET 38')).body.totalSize, 2);
  });

  test('pages with nextRecordsUrl to the end', async () => {
    const seen: string[] = [];
    let page = await soql('SELECT Id FROM Contact ORDER BY Id', { 'sforce-query-options': 'batchSize=25' });
    for (;;) {
      assert.equal(page.body.totalSize, 60);
      seen.push(...(page.body.records as { Id: string }[]).map((r) => r.Id));
      if (page.body.done) break;
      assert.match(String(page.body.nextRecordsUrl), /^\/services\/data\/v66\.0\/query\/01g[0-9a-f]+-\d+$/);
      page = await get(String(page.body.nextRecordsUrl));
    }
    assert.equal(seen.length, 60);
    assert.equal(new Set(seen).size, 60);
    assert.equal('nextRecordsUrl' in page.body, false);
    const bad = await get('/services/data/v66.0/query/01gnope-25');
    assert.deepEqual(bad, {
      status: 400,
      body: [{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }],
    });
  });

  test('explains malformed queries, unknown fields and unknown objects like Salesforce', async () => {
    const malformed = await soql('SELECT Id FRM Account');
    assert.equal(malformed.status, 400);
    assert.equal((malformed.body as { errorCode: string }[])[0].errorCode, 'MALFORMED_QUERY');
    const field = await soql('SELECT Id, Foo FROM Account');
    assert.deepEqual(field.body, [
      {
        errorCode: 'INVALID_FIELD',
        message:
          "\nSELECT Id, Foo FROM Account\n           ^\nERROR at Row:1:Column:12\nNo such column 'Foo' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
      },
    ]);
    const type = await soql('SELECT Id FROM Foo');
    assert.equal((type.body as { errorCode: string }[])[0].errorCode, 'INVALID_TYPE');
    assert.match((type.body as { message: string }[])[0].message, /sObject type 'Foo' is not supported\./);
  });

  test('reads sObject records, Users included, and answers unknown ids and versions with NOT_FOUND', async () => {
    const account = await get('/services/data/v66.0/sobjects/Account/0015j0000000001AAA');
    assert.equal(account.body.Name, 'Acme Inc.');
    const user = await get('/services/data/v51.0/sobjects/User/0055j00000AdMiNAAU');
    assert.equal(user.body.Username, stack.config.username);
    const notFound = [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }];
    assert.deepEqual(await get('/services/data/v66.0/sobjects/Account/0015j0000000999AAA'), {
      status: 404,
      body: notFound,
    });
    assert.deepEqual(await get('/services/data/v38/query?q=SELECT+Id+FROM+Account'), {
      status: 404,
      body: notFound,
    });
    assert.deepEqual(await get('/services/data/v99.0/'), { status: 404, body: notFound });
  });

  test('refuses missing and garbage tokens, and tokens without the api scope', async () => {
    const invalid = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];
    assert.deepEqual(await get('/services/data/v66.0/', { authorization: '' }), {
      status: 401,
      body: invalid,
    });
    assert.deepEqual(await get('/services/data/v66.0/', { authorization: 'Bearer 00Dnope!garbage' }), {
      status: 401,
      body: invalid,
    });
    const idOnly = (await loginAndGetToken(stack, { scope: 'id' })).access_token;
    assert.deepEqual(await get('/services/data/v66.0/', { authorization: `OAuth ${idOnly}` }), {
      status: 401,
      body: [
        { message: 'This session is not valid for use with the REST API', errorCode: 'INVALID_SESSION_ID' },
      ],
    });
  });
});
