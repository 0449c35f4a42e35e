// Contract tests for the emulator's REST API: versions, resources, SOQL over seeded data, paging at real batch
// sizes, sObject reads, exact errors, and the headers every REST response carries.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { loginAndGetToken } from '../../support/emulator-login.ts';
import { TestClient } from '../../support/http.ts';
import { expectReply, restClientFor, RestTestClient } from '../../support/rest.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

const NOT_FOUND = [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }];

describe('emulator: REST API', () => {
  let stack: TestStack;
  let rest: RestTestClient;

  before(async () => {
    stack = await startTestStack();
    rest = await restClientFor(stack);
  });
  after(() => stack.close());

  test('answers a path joined to an instance URL that ends in a slash (//services/...), as the sf CLI sends it', async () => {
    const response = await new TestClient().get(
      `${stack.instanceUrl}//services/data/v66.0/query?q=SELECT+Id+FROM+Account+LIMIT+1`,
      { authorization: `Bearer ${rest.token}` },
    );
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { done: boolean }).done, true);
  });

  test('lists versions without authentication, oldest first, never cached', async () => {
    const response = await new TestClient().get(`${stack.emulatorUrl}/services/data/`);
    const versions = (await response.json()) as { label: string; url: string; version: string }[];
    assert.deepEqual(versions[0], { label: "Summer '14", url: '/services/data/v31.0', version: '31.0' });
    assert.deepEqual(
      versions.find((v) => v.version === '62.0'),
      { label: "Winter '25", url: '/services/data/v62.0', version: '62.0' },
    );
    // The release live in production orgs on this project's date (salesforce-wire.md §9.1).
    assert.deepEqual(versions.at(-1), { label: "Winter '27", url: '/services/data/v68.0', version: '68.0' });
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('sforce-limit-info'), null);
  });

  test('lists the resources of a version; those the emulator does not serve answer NOT_FOUND', async () => {
    const { status, body } = await rest.get('/');
    assert.equal(status, 200);
    for (const name of [
      'sobjects',
      'query',
      'queryAll',
      'limits',
      'composite',
      'search',
      'recent',
      'tooling',
    ]) {
      assert.equal(body[name], `/services/data/v66.0/${name}`);
    }
    assert.equal(body.identity, `${stack.emulatorUrl}/id/00D5j00000PlAyGEAV/0055j00000AdMiNAAV`);
    // A listed resource the emulator lacks says so, in the REST error form; an unlisted one is simply not found.
    const notServed = (name: string) => [
      {
        message: `The ${name} resource is not served by this local emulator (an emulator limit: a real org answers it). It serves query, queryAll, sobjects (describe and records), limits and composite (batch and sObject Collections).`,
        errorCode: 'NOT_FOUND',
      },
    ];
    await expectReply(rest.get('/search?q=FIND+%7Bacme%7D'), 404, notServed('search'));
    await expectReply(rest.get('/Tooling/sobjects'), 404, notServed('tooling'));
    await expectReply(rest.get('/nosuchresource'), 404, NOT_FOUND);
    // So do the parts of served resources that a real org has and the emulator does not.
    const contactId = (await rest.get('/query?q=SELECT+Id+FROM+Account+LIMIT+1')).body.records[0].Id;
    for (const [path, resource] of [
      [
        '/sobjects/Contact/updated/?start=2025-01-01T00:00:00Z&end=2025-01-02T00:00:00Z',
        'sobjects/Contact/updated',
      ],
      ['/sobjects/Account/describe/layouts', 'sobjects/Account/describe/layouts'],
      [`/sobjects/Account/${contactId}/Contacts`, 'sobjects/Account/<id>/Contacts (related records)'],
      ['/limits/recordCount?sObjects=Account', 'limits/recordCount'],
    ]) {
      await expectReply(rest.get(path), 404, notServed(resource));
    }
    // Names a real org does not have stay plainly not found.
    await expectReply(rest.get('/sobjects/Account/describe/bogus'), 404, NOT_FOUND);
    await expectReply(rest.get(`/sobjects/Account/${contactId}/NoSuchRelation`), 404, NOT_FOUND);
    await expectReply(
      rest.send('POST', '/composite/tree/Account', { records: [] }),
      404,
      notServed('composite/tree'),
    );
    // identity's entry is the identity URL itself, which the emulator serves: no "not served" claim here.
    await expectReply(rest.get('/identity'), 404, NOT_FOUND);
  });

  test('sends no-store and the API usage header on every REST response, errors included', async () => {
    const first = await rest.get('/limits');
    const usage = /^api-usage=(\d+)\/15000$/.exec(first.headers.get('sforce-limit-info') ?? '');
    assert.ok(usage, `got ${first.headers.get('sforce-limit-info')}`);
    const bad = await rest.query('SELECT Nope FROM Account');
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get('cache-control'), 'no-store');
    assert.equal(bad.headers.get('sforce-limit-info'), `api-usage=${Number(usage[1]) + 1}/15000`);
    const unauthenticated = await rest.get('/', { authorization: 'Bearer nope' });
    assert.equal(unauthenticated.headers.get('cache-control'), 'no-store');
    assert.equal(unauthenticated.headers.get('sforce-limit-info'), null);
  });

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
          "\nSELECT Id, Foo FROM Account\n           ^\nERROR at Row:1:Column:12\nNo such column 'Foo' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
      },
    ]);
    const type = await rest.query('SELECT Id FROM Foo');
    assert.equal(type.body[0].errorCode, 'INVALID_TYPE');
    assert.match(type.body[0].message, /sObject type 'Foo' is not supported\./);
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

  test('reads sObject records, Users included, and answers unknown ids and versions with NOT_FOUND', async () => {
    const account = await rest.get('/sobjects/Account/0015j0000000001AAA');
    assert.equal(account.body.Name, 'Acme Inc.');
    const user = await rest.get('/services/data/v51.0/sobjects/User/0055j00000AdMiNAAV');
    assert.equal(user.body.Username, stack.config.username);
    await expectReply(rest.get('/sobjects/Account/0015j0000000999AAA'), 404, NOT_FOUND);
    await expectReply(rest.get('/services/data/v38/query?q=SELECT+Id+FROM+Account'), 404, NOT_FOUND);
    await expectReply(rest.get('/services/data/v99.0/'), 404, NOT_FOUND);
    await expectReply(rest.get('/sobjects/Account/describe2'), 404, [
      {
        message: 'Provided external ID field does not exist or is not accessible: describe2',
        errorCode: 'NOT_FOUND',
      },
    ]);
  });

  test('refuses a method a resource does not take with 405, before looking at the token', async () => {
    await expectReply(
      rest.send('PUT', '/query?q=SELECT+Id+FROM+Account', undefined, { authorization: '' }),
      405,
      [{ message: "HTTP Method 'PUT' not allowed. Allowed are GET,HEAD", errorCode: 'METHOD_NOT_ALLOWED' }],
    );
    await expectReply(rest.send('POST', '/sobjects/Account/0015j0000000001AAA', {}), 405, [
      {
        message: "HTTP Method 'POST' not allowed. Allowed are GET,HEAD,PATCH,DELETE",
        errorCode: 'METHOD_NOT_ALLOWED',
      },
    ]);
    const batch = await rest.post('/composite/batch', {
      batchRequests: [{ method: 'DELETE', url: 'v66.0/limits' }],
    });
    assert.deepEqual(batch.body.results[0], {
      statusCode: 405,
      result: [
        {
          message: "HTTP Method 'DELETE' not allowed. Allowed are GET,HEAD",
          errorCode: 'METHOD_NOT_ALLOWED',
        },
      ],
    });
  });

  test('refuses missing and garbage tokens, and tokens without the api scope', async () => {
    const invalid = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];
    const missing = await rest.get('/', { authorization: '' });
    assert.equal(missing.status, 401);
    assert.deepEqual(missing.body, invalid);
    assert.deepEqual((await rest.get('/', { authorization: 'Bearer 00Dnope!garbage' })).body, invalid);
    const idOnly = (await loginAndGetToken(stack, { scope: 'id' })).access_token;
    const notRest = await rest.get('/', { authorization: `OAuth ${idOnly}` });
    assert.equal(notRest.status, 401);
    assert.deepEqual(notRest.body, [
      { message: 'This session is not valid for use with the REST API', errorCode: 'INVALID_SESSION_ID' },
    ]);
  });

  test('answers a form body, however large, as the REST API: 401 without a token, 415 with one', async () => {
    // Over the OAuth endpoints' form limits (64 KB, 100 fields): those limits are theirs, not the REST API's.
    const form = new URLSearchParams(Array.from({ length: 150 }, (_, i) => [`f${i}`, 'x'.repeat(500)]));
    const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
    const send = (authorization?: string) =>
      rest.send('POST', '/sobjects/Account', form.toString(), {
        ...formHeaders,
        ...(authorization === undefined ? {} : { authorization }),
      });
    const anonymous = await send('');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body[0].errorCode, 'INVALID_SESSION_ID');
    const signedIn = await send();
    assert.equal(signedIn.status, 415);
    assert.equal(signedIn.body[0].errorCode, 'UNSUPPORTED_MEDIA_TYPE');
  });

  test('answers a malformed escape in a REST path with NOT_FOUND, in the REST error form', async () => {
    await expectReply(rest.get('/services/data/%E0%A4%A'), 404, NOT_FOUND);
  });
});
