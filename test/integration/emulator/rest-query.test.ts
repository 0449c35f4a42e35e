// Contract tests for queries over the emulator's REST API: records as Salesforce shapes them, the sample queries,
// paging at real batch sizes, query locators, and SOQL errors with their caret.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { loginAndGetToken } from '../../support/emulator-login.ts';
import { TestClient } from '../../support/http.ts';
import { expectReply, restClientFor, RestTestClient } from '../../support/rest.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('emulator: REST queries', () => {
  let stack: TestStack;
  let rest: RestTestClient;

  before(async () => {
    stack = await startTestStack();
    rest = await restClientFor(stack);
  });
  after(() => stack.close());

  test('returns records with attributes and canonical field case, parents nested', async () => {
    const { status, body } = await rest.query(
      "select name, id, account.name from contact where Account.Name like 'acme%' order by Name limit 2",
    );
    assert.equal(status, 200);
    assert.equal(body.totalSize, 2);
    assert.equal(body.done, true);
    const [first] = body.records;
    assert.deepEqual(Object.keys(first), ['attributes', 'Name', 'Id', 'Account']);
    assert.deepEqual(first.attributes, {
      type: 'Contact',
      url: `/services/data/v66.0/sobjects/Contact/${first.Id}`,
    });
    assert.deepEqual(first.Account, {
      attributes: { type: 'Account', url: '/services/data/v66.0/sobjects/Account/0015j0000000001AAA' },
      Name: 'Acme Inc.',
    });
  });

  test('runs the sample queries and COUNT()', async () => {
    const accounts = await rest.query('SELECT Id, Name FROM Account ORDER BY Name LIMIT 10');
    const names = (accounts.body.records as { Name: string }[]).map((r) => r.Name);
    assert.equal(names.length, 10);
    assert.deepEqual(
      names,
      [...names].sort((a, b) => a.localeCompare(b)),
    );
    const caseRow = await rest.query('SELECT CaseNumber, Subject FROM Case LIMIT 1');
    assert.deepEqual(Object.keys(caseRow.body.records[0]), ['attributes', 'CaseNumber', 'Subject']);
    const count = await rest.query(
      "SELECT COUNT() FROM Case WHERE Status = 'Closed' OR (Priority = 'High' AND NOT Origin = 'Web')",
    );
    assert.deepEqual(count.body, { totalSize: 7, done: true, records: [] });
    assert.equal((await rest.query('SELECT COUNT() FROM Contact')).body.totalSize, 2500);
    assert.equal((await rest.query('SELECT Id FROM Account LIMIT 5 OFFSET 38')).body.totalSize, 2);
  });

  test('pages at the default batch of 2,000 records, with nextRecordsUrl to the end', async () => {
    const first = await rest.query('SELECT Id, Name FROM Contact ORDER BY Id');
    assert.equal(first.body.totalSize, 2500);
    assert.equal(first.body.done, false);
    assert.equal(first.body.records.length, 2000);
    assert.match(first.body.nextRecordsUrl, /^\/services\/data\/v66\.0\/query\/01g[0-9a-z]{12}AAA-2000$/);
    assert.deepEqual(Object.keys(first.body), ['totalSize', 'done', 'nextRecordsUrl', 'records']);
    const second = await rest.get(first.body.nextRecordsUrl);
    assert.equal(second.body.done, true);
    assert.equal(second.body.records.length, 500);
    assert.equal('nextRecordsUrl' in second.body, false);
    const ids = new Set([...first.body.records, ...second.body.records].map((r: { Id: string }) => r.Id));
    assert.equal(ids.size, 2500);
  });

  test('treats a batchSize below 200 as 200, as Salesforce does, and still pages to the end', async () => {
    const seen: string[] = [];
    let page = await rest.query('SELECT Id FROM Contact ORDER BY Id', {
      'sforce-query-options': 'batchSize=25',
    });
    let pages = 0;
    for (;;) {
      pages++;
      assert.equal(page.body.totalSize, 2500);
      seen.push(...page.body.records.map((r: { Id: string }) => r.Id));
      if (page.body.done) break;
      assert.equal(page.body.records.length, 200);
      page = await rest.get(page.body.nextRecordsUrl);
    }
    assert.equal(pages, 13);
    assert.equal(new Set(seen).size, 2500);
    const large = await rest.query('SELECT Id FROM Contact', { 'sforce-query-options': 'batchSize=5000' });
    assert.equal(large.body.records.length, 2000);
  });

  test('refuses a made-up, foreign or out-of-range query locator', async () => {
    const invalid = [{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }];
    await expectReply(rest.get('/query/01gnope-25'), 400, invalid);
    const first = await rest.query('SELECT Id FROM Contact');
    const locator = String(first.body.nextRecordsUrl).replace(/-2000$/, '');
    await expectReply(rest.get(`${locator}-2500`), 400, invalid);
    const standardUser = `standard@${stack.config.username.split('@')[1]}`;
    const otherToken = (await loginAndGetToken(stack, { scope: 'api', username: standardUser })).access_token;
    const other = new RestTestClient(stack.instanceUrl, otherToken);
    await expectReply(other.get(first.body.nextRecordsUrl), 400, invalid);
    assert.equal((await rest.get(first.body.nextRecordsUrl)).status, 200);
  });

  test('explains malformed queries, unknown fields and unknown objects like Salesforce', async () => {
    const malformed = await rest.query('SELECT Id FRM Account');
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body[0].errorCode, 'MALFORMED_QUERY');
    // The caret stands under what the parser stopped at, never inside a string literal; a query that ends too soon
    // has it after its last character.
    const caretAt = async (soql: string) =>
      /ERROR at Row:1:Column:(\d+)\n(.*)$/.exec((await rest.query(soql)).body[0].message)?.slice(1);
    assert.deepEqual(await caretAt("SELECT Id FROM Account WHERE Name = 'Acme Inc.';"), [
      '48',
      'unexpected token: ;',
    ]);
    assert.deepEqual(await caretAt("SELECT Id FROM Account WHERE Name = 'Acme Inc' AND"), [
      '51',
      'unexpected token: end of query',
    ]);
    // A token that appears twice: the caret stands under the one the parser stopped at.
    assert.deepEqual(await caretAt('SELECT Name FROM Account ORDER Name'), ['32', 'unexpected token: Name']);
    assert.deepEqual((await rest.query('SELECT Id, Foo FROM Account')).body, [
      {
        errorCode: 'INVALID_FIELD',
        message:
          "\nSELECT Id, Foo FROM Account\n           ^\nERROR at Row:1:Column:12\nNo such column 'Foo' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names. (Local emulator: it keeps only some of Account's standard fields, listed by GET /sobjects/Account/describe: if a real org has Foo, this emulator leaves it out.)",
      },
    ]);
    // A custom field's name needs no such note: no org has it until someone makes it.
    const custom = await rest.query('SELECT Id, Foo__c FROM Account');
    assert.match(custom.body[0].message, /for the appropriate names\.$/);
    const type = await rest.query('SELECT Id FROM Foo');
    assert.equal(type.body[0].errorCode, 'INVALID_TYPE');
    assert.match(type.body[0].message, /sObject type 'Foo' is not supported\..*appropriate names\.$/);
    assert.deepEqual((await rest.get('/query?q=')).body, [
      { message: 'A query string has to be specified', errorCode: 'MALFORMED_QUERY' },
    ]);
  });

  test('adds no ETag of its own to queries or the versions list', async () => {
    // Salesforce documents an ETag on sObject Rows (Account records) only; Express would tag every answer.
    const first = await rest.query('SELECT Id, Name FROM Account LIMIT 3');
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('etag'), null);
    const versions = await new TestClient().get(`${stack.emulatorUrl}/services/data/`);
    assert.equal(versions.headers.get('etag'), null);
  });
});
