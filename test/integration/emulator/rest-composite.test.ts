// Contract tests for /composite (references between subrequests, allOrNone) and /composite/batch, and the API
// version each arrived in.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { restClientFor, type RestTestClient } from '../../support/rest.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

const HALTED = [
  {
    errorCode: 'PROCESSING_HALTED',
    message: 'The transaction was rolled back since another operation in the same transaction failed.',
  },
];

describe('emulator: composite and batch', () => {
  let stack: TestStack;
  let rest: RestTestClient;
  const accountsNamed = async (name: string) =>
    (await rest.query(`SELECT COUNT() FROM Account WHERE Name = '${name}'`)).body.totalSize as number;

  before(async () => {
    stack = await startTestStack();
    rest = await restClientFor(stack);
  });
  after(() => stack.close());

  test('runs subrequests in order, feeding earlier results into later ones through @{references}', async () => {
    const { status, body } = await rest.post('/composite', {
      compositeRequest: [
        {
          method: 'POST',
          url: '/services/data/v66.0/sobjects/Account',
          referenceId: 'newAccount',
          body: { Name: 'Composite Co' },
        },
        {
          method: 'POST',
          url: '/services/data/v66.0/sobjects/Contact',
          referenceId: 'newContact',
          body: { LastName: 'Linked', AccountId: '@{newAccount.id}' },
        },
        {
          method: 'GET',
          url: "/services/data/v66.0/query?q=SELECT+Id,Account.Name+FROM+Contact+WHERE+AccountId='@{newAccount.id}'",
          referenceId: 'check',
        },
      ],
    });
    assert.equal(status, 200);
    const [account, contact, check] = body.compositeResponse;
    assert.deepEqual(Object.keys(account), ['body', 'httpHeaders', 'httpStatusCode', 'referenceId']);
    assert.equal(account.httpStatusCode, 201);
    assert.deepEqual(account.httpHeaders, {
      Location: `/services/data/v66.0/sobjects/Account/${account.body.id}`,
    });
    assert.equal(contact.httpStatusCode, 201);
    assert.equal(check.body.records[0].Id, contact.body.id);
    assert.equal(check.body.records[0].Account.Name, 'Composite Co');
  });

  test('with allOrNone, one failure rolls everything back and the others answer PROCESSING_HALTED', async () => {
    const { body } = await rest.post('/composite', {
      allOrNone: true,
      compositeRequest: [
        {
          method: 'POST',
          url: '/services/data/v66.0/sobjects/Account',
          referenceId: 'kept',
          body: { Name: 'Never Saved' },
        },
        {
          method: 'POST',
          url: '/services/data/v66.0/sobjects/Contact',
          referenceId: 'bad',
          body: { FirstName: 'NoLastName' },
        },
        { method: 'GET', url: '/services/data/v66.0/query?q=SELECT+Id+FROM+Account', referenceId: 'after' },
      ],
    });
    assert.deepEqual(body.compositeResponse, [
      { body: HALTED, httpHeaders: {}, httpStatusCode: 400, referenceId: 'kept' },
      {
        body: [
          {
            message: 'Required fields are missing: [LastName]',
            errorCode: 'REQUIRED_FIELD_MISSING',
            fields: ['LastName'],
          },
        ],
        httpHeaders: {},
        httpStatusCode: 400,
        referenceId: 'bad',
      },
      { body: HALTED, httpHeaders: {}, httpStatusCode: 400, referenceId: 'after' },
    ]);
    assert.equal(await accountsNamed('Never Saved'), 0);
  });

  test('without allOrNone, a failure only fails the subrequests that refer to it', async () => {
    const { body } = await rest.post('/composite', {
      compositeRequest: [
        { method: 'POST', url: '/services/data/v66.0/sobjects/Account', referenceId: 'bad', body: {} },
        {
          method: 'POST',
          url: '/services/data/v66.0/sobjects/Contact',
          referenceId: 'child',
          body: { LastName: 'X', AccountId: '@{bad.id}' },
        },
        {
          method: 'POST',
          url: '/services/data/v66.0/sobjects/Account',
          referenceId: 'fine',
          body: { Name: 'Independent Inc.' },
        },
      ],
    });
    assert.deepEqual(
      body.compositeResponse.map((r: { httpStatusCode: number }) => r.httpStatusCode),
      [400, 400, 201],
    );
    assert.equal(body.compositeResponse[1].body[0].errorCode, 'PROCESSING_HALTED');
    assert.equal(await accountsNamed('Independent Inc.'), 1);
  });

  test('allows at most five query or sObject Collections subrequests in one composite request', async () => {
    const query = (n: number) => ({
      method: 'GET',
      url: `/services/data/v66.0/${n % 2 ? 'queryAll' : 'query'}?q=SELECT+Id+FROM+Account+LIMIT+1`,
      referenceId: `q${n}`,
    });
    const collection = {
      method: 'GET',
      url: '/services/data/v66.0/composite/sobjects/Account?ids=0015j0000000001AAA&fields=Name',
      referenceId: 'c',
    };
    const record = {
      method: 'GET',
      url: '/services/data/v66.0/sobjects/Account/0015j0000000001AAA',
      referenceId: 'r',
    };
    const five = await rest.post('/composite', {
      compositeRequest: [0, 1, 2, 3].map(query).concat(collection, record),
    });
    assert.equal(five.status, 200);
    assert.deepEqual(
      five.body.compositeResponse.map((r: { httpStatusCode: number }) => r.httpStatusCode),
      [200, 200, 200, 200, 200, 200],
    );
    const six = await rest.post('/composite', {
      compositeRequest: [0, 1, 2, 3, 4].map(query).concat(collection),
    });
    assert.equal(six.status, 400);
    assert.equal(six.body[0].errorCode, 'JSON_PARSER_ERROR');
    assert.match(six.body[0].message, /at most 5 query or sObject Collections subrequests/);
    for (const [resource, key] of [
      ['/composite', 'compositeRequest'],
      ['/composite/batch', 'batchRequests'],
    ]) {
      const notObjects = await rest.post(resource, { [key]: [null, 7] });
      assert.equal(notObjects.status, 400);
      assert.deepEqual(notObjects.body, [
        {
          message: `Each item of ${key} must be a JSON object: a subrequest`,
          errorCode: 'JSON_PARSER_ERROR',
        },
      ]);
    }
  });

  test('runs a batch of independent subrequests, halting on error when asked', async () => {
    const { body } = await rest.post('/composite/batch', {
      haltOnError: true,
      batchRequests: [
        { method: 'GET', url: 'v66.0/sobjects/Account/0015j0000000001AAA?fields=Name' },
        { method: 'GET', url: 'v66.0/sobjects/Account/0015j0000000999AAA' },
        { method: 'GET', url: 'v66.0/limits' },
      ],
    });
    assert.equal(body.hasErrors, true);
    assert.deepEqual(
      body.results.map((r: { statusCode: number }) => r.statusCode),
      [200, 404, 412],
    );
    assert.equal(body.results[0].result.Name, 'Acme Inc.');
  });

  test('counts each batch subrequest run as an API request, and a composite call as one', async () => {
    const used = (response: { headers: { get(name: string): string | null } }) =>
      Number(/^api-usage=(\d+)\//.exec(response.headers.get('sforce-limit-info') ?? '')?.[1]);
    const before = used(await rest.get('/limits'));
    const get = { method: 'GET', url: 'v66.0/sobjects/Account/0015j0000000001AAA?fields=Name' };
    const batch = await rest.post('/composite/batch', { batchRequests: [get, get, get] });
    assert.equal(used(batch), before + 3);
    const halted = await rest.post('/composite/batch', {
      haltOnError: true,
      batchRequests: [{ method: 'GET', url: 'v66.0/sobjects/Account/0015j0000000999AAA' }, get],
    });
    assert.equal(used(halted), before + 4);
    const composite = await rest.post('/composite', {
      compositeRequest: [1, 2, 3].map((n) => ({
        ...get,
        url: `/services/data/${get.url}`,
        referenceId: `r${n}`,
      })),
    });
    assert.equal(used(composite), before + 5);
  });

  test('runs in a subrequest only the resources each composite kind takes, refusing the others alone', async () => {
    const composite = await rest.post('/composite', {
      compositeRequest: [
        { method: 'GET', url: '/services/data/v66.0/limits', referenceId: 'limits' },
        { method: 'GET', url: '/services/data/v66.0/', referenceId: 'listing' },
        {
          method: 'GET',
          url: '/services/data/v66.0/sobjects/Account/0015j0000000001AAA',
          referenceId: 'record',
        },
      ],
    });
    const statuses = (composite.body.compositeResponse as { httpStatusCode: number }[]).map(
      (r) => r.httpStatusCode,
    );
    assert.deepEqual(statuses, [400, 400, 200]);
    assert.deepEqual(composite.body.compositeResponse[0].body, [
      {
        message:
          'A composite subrequest cannot call limits: only sobjects, query, queryAll and composite/sobjects',
        errorCode: 'INVALID_INPUT',
      },
    ]);
    const batch = await rest.post('/composite/batch', {
      batchRequests: [
        { method: 'GET', url: 'v66.0/limits' },
        { method: 'GET', url: 'v66.0/composite/sobjects/Account?ids=0015j0000000001AAA&fields=Name' },
        { method: 'GET', url: 'v66.0/composite' },
      ],
    });
    assert.deepEqual(
      batch.body.results.map((r: { statusCode: number }) => r.statusCode),
      [200, 400, 400],
    );
    // A nested composite call is refused naming the kind it came in.
    assert.equal(
      batch.body.results[2].result[0].message,
      'A batch subrequest cannot be another composite or batch request',
    );
    assert.match(
      batch.body.results[1].result[0].message,
      /^A batch subrequest cannot call composite\/sobjects: only limits, sobjects, query, queryAll, search, connect, chatter and actions$/,
    );
  });

  test('lists the composite resources of the version asked, Composite Graph from 50.0', async () => {
    const listing = async (version: string) =>
      (await rest.get(`/services/data/v${version}/composite`)).body as Record<string, string>;
    assert.deepEqual(await listing('66.0'), {
      tree: '/services/data/v66.0/composite/tree',
      batch: '/services/data/v66.0/composite/batch',
      sobjects: '/services/data/v66.0/composite/sobjects',
      graph: '/services/data/v66.0/composite/graph',
    });
    assert.equal((await listing('50.0')).graph, '/services/data/v50.0/composite/graph');
    assert.equal((await listing('49.0')).graph, undefined);
    const graph = { graphs: [] };
    assert.equal(
      (await rest.send('POST', '/services/data/v49.0/composite/graph', graph)).body[0].errorCode,
      'NOT_FOUND',
    );
    assert.match(
      (await rest.post('/composite/graph', graph)).body[0].message,
      /not served by this local emulator/,
    );
  });

  test("refuses a batch subrequest at a version before 34.0 or after the batch's own, running the rest", async () => {
    const account = (version: string) => ({
      method: 'GET',
      url: `v${version}/sobjects/Account/0015j0000000001AAA?fields=Name`,
    });
    const { status, body } = await rest.post('/composite/batch', {
      batchRequests: [account('67.0'), account('33.0'), account('34.0'), account('66.0')],
    });
    assert.equal(status, 200);
    assert.equal(body.hasErrors, true);
    assert.deepEqual(
      body.results.map((r: { statusCode: number }) => r.statusCode),
      [400, 400, 200, 200],
    );
    assert.equal(body.results[0].result[0].errorCode, 'INVALID_INPUT');
    assert.match(body.results[0].result[0].message, /v67\.0 .*34\.0 to 66\.0/);
    assert.equal(body.results[3].result.Name, 'Acme Inc.');
  });

  test('each composite resource answers from the API version it arrived in, NOT_FOUND before', async () => {
    const at = (version: string, path: string, body?: unknown) =>
      rest.send(body === undefined ? 'GET' : 'POST', `/services/data/v${version}${path}`, body);
    const batch = { batchRequests: [{ method: 'GET', url: 'v34.0/limits' }] };
    const records = { records: [{ attributes: { type: 'Account' }, Name: 'Versioned Co' }] };
    const cases: [string, string, unknown, number][] = [
      ['33.0', '/composite/batch', batch, 404],
      ['34.0', '/composite/batch', batch, 200],
      ['41.0', '/composite/sobjects', records, 404],
      ['42.0', '/composite/sobjects', records, 200],
      ['37.0', '/composite', undefined, 404],
      ['38.0', '/composite', undefined, 200],
    ];
    for (const [version, path, body, status] of cases) {
      const answer = await at(version, path, body);
      assert.equal(answer.status, status, `v${version}${path}: ${JSON.stringify(answer.body)}`);
      if (status === 404) assert.equal(answer.body[0].errorCode, 'NOT_FOUND');
    }
  });
});
