// Contract tests for sObject Collections (create, update, delete, retrieve, allOrNone) and for /limits counting
// the calls made.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { restClientFor, type RestTestClient } from '../../support/rest.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

const ROLLED_BACK = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

describe('emulator: sObject Collections and limits', () => {
  let stack: TestStack;
  let rest: RestTestClient;
  const accountsNamed = async (name: string) =>
    (await rest.query(`SELECT COUNT() FROM Account WHERE Name = '${name}'`)).body.totalSize as number;

  before(async () => {
    stack = await startTestStack();
    rest = await restClientFor(stack);
  });
  after(() => stack.close());

  test('creates, updates, retrieves and deletes records in collections of SaveResults', async () => {
    const created = await rest.post('/composite/sobjects', {
      allOrNone: false,
      records: [
        { attributes: { type: 'Account' }, Name: 'Collection One' },
        { attributes: { type: 'Contact' }, FirstName: 'Missing' },
      ],
    });
    assert.equal(created.status, 200);
    const [one, missing] = created.body;
    assert.deepEqual(Object.keys(one), ['id', 'success', 'errors']);
    assert.equal(one.success, true);
    assert.deepEqual(missing, {
      success: false,
      errors: [
        {
          statusCode: 'REQUIRED_FIELD_MISSING',
          message: 'Required fields are missing: [LastName]',
          fields: ['LastName'],
        },
      ],
    });
    const updated = await rest.patch('/composite/sobjects', {
      records: [{ attributes: { type: 'Account' }, id: one.id, Industry: 'Retail' }],
    });
    assert.deepEqual(updated.body, [{ id: one.id, success: true, errors: [] }]);
    const retrieved = await rest.post('/composite/sobjects/Account', {
      ids: [one.id, '0015j0000000999AAA'],
      fields: ['Name', 'Industry'],
    });
    assert.deepEqual(retrieved.body, [
      {
        attributes: { type: 'Account', url: `/services/data/v66.0/sobjects/Account/${one.id}` },
        Name: 'Collection One',
        Industry: 'Retail',
      },
      null,
    ]);
    const deleted = await rest.delete(`/composite/sobjects?ids=${one.id}`);
    assert.deepEqual(deleted.body, [{ id: one.id, success: true, errors: [] }]);
  });

  test('an update whose record has a malformed id, or none, fails with its own error; allOrNone rolls the rest back', async () => {
    const account = (fields: object) => ({ attributes: { type: 'Account' }, Industry: 'Retail', ...fields });
    const malformed = (id: string) => ({
      id,
      success: false,
      errors: [{ statusCode: 'MALFORMED_ID', message: `malformed id ${id}`, fields: [] }],
    });
    // Not an id's shape, and an id's shape whose prefix names no object.
    const { body } = await rest.patch('/composite/sobjects', {
      records: [account({ id: 'abc' }), account({}), account({ id: 'zzz5j00000AbCdEAAA' })],
    });
    assert.deepEqual(body, [
      {
        id: 'abc',
        success: false,
        errors: [{ statusCode: 'MALFORMED_ID', message: 'malformed id abc', fields: [] }],
      },
      {
        success: false,
        errors: [
          { statusCode: 'MISSING_ARGUMENT', message: 'Id not specified in an update call', fields: [] },
        ],
      },
      malformed('zzz5j00000AbCdEAAA'),
    ]);
    const { id } = (await rest.post('/sobjects/Account', { Name: 'Kept As It Was' })).body;
    const together = await rest.patch('/composite/sobjects', {
      allOrNone: true,
      records: [account({ id }), account({ id: 'abc' })],
    });
    assert.deepEqual(together.body, [{ id, success: false, errors: [ROLLED_BACK] }, malformed('abc')]);
    assert.equal((await rest.get(`/sobjects/Account/${id}`)).body.Industry, null, 'rolled back');
  });

  test('retrieves up to 2,000 records in a POST body, and refuses more', async () => {
    const ids = (n: number) =>
      Array.from({ length: n }, (_, i) => `0015j${String(i + 1).padStart(10, '0')}AAA`);
    const many = await rest.post('/composite/sobjects/Account', { ids: ids(2000), fields: ['Name'] });
    assert.equal(many.status, 200);
    assert.equal(many.body.length, 2000);
    assert.equal(many.body.filter((record: unknown) => record !== null).length > 0, true);
    const tooMany = await rest.post('/composite/sobjects/Account', { ids: ids(2001), fields: ['Name'] });
    assert.equal(tooMany.status, 400);
    assert.equal(tooMany.body[0].errorCode, 'EXCEEDED_ID_LIMIT');
  });

  test('upsert by an external id field (API 46.0+): this org has none, and record ids are not external ids', async () => {
    const records = { allOrNone: false, records: [{ attributes: { type: 'Account' }, Name: 'Upserted' }] };
    for (const field of ['Name', 'Id']) {
      const answer = await rest.patch(`/composite/sobjects/Account/${field}`, records);
      assert.equal(answer.status, 404);
      assert.deepEqual(answer.body, [
        {
          message: `Provided external ID field does not exist or is not accessible: ${field}`,
          errorCode: 'NOT_FOUND',
        },
      ]);
    }
    const get = await rest.get('/composite/sobjects/Account/Id');
    assert.equal(get.status, 405);
    assert.equal((await rest.patch('/composite/sobjects/Nope/Id', records)).status, 404);
    const before46 = await rest.send(
      'PATCH',
      '/services/data/v45.0/composite/sobjects/Account/Name',
      records,
    );
    assert.deepEqual(before46.body, [
      { message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' },
    ]);
  });

  test('rolls a whole collection back with allOrNone', async () => {
    const { body } = await rest.post('/composite/sobjects', {
      allOrNone: true,
      records: [
        { attributes: { type: 'Account' }, Name: 'All Or Nothing' },
        { attributes: { type: 'Account' }, Industry: 'Retail' },
      ],
    });
    assert.deepEqual(body, [
      { success: false, errors: [ROLLED_BACK] },
      {
        success: false,
        errors: [
          {
            statusCode: 'REQUIRED_FIELD_MISSING',
            message: 'Required fields are missing: [Name]',
            fields: ['Name'],
          },
        ],
      },
    ]);
    assert.equal(await accountsNamed('All Or Nothing'), 0);
  });

  test('reports limits with DailyApiRequests counting down as calls are made', async () => {
    const first = await rest.get('/limits');
    assert.deepEqual(first.body.DailyApiRequests.Max, 15000);
    assert.deepEqual(Object.keys(first.body), [...Object.keys(first.body)].sort());
    for (const limit of Object.values(first.body) as { Max: number; Remaining: number }[]) {
      assert.deepEqual(Object.keys(limit), ['Max', 'Remaining']);
    }
    await rest.get('/');
    const second = await rest.get('/limits');
    assert.equal(second.body.DailyApiRequests.Remaining, first.body.DailyApiRequests.Remaining - 2);
    assert.equal(
      second.headers.get('sforce-limit-info'),
      `api-usage=${15000 - second.body.DailyApiRequests.Remaining}/15000`,
    );
  });

  test('answers NOT_FOUND below /limits rather than the org limits again', async () => {
    for (const path of ['/limits/recordCount?sObjects=Account', '/limits/anything/at/all']) {
      const { status, body } = await rest.get(path);
      assert.equal(status, 404, path);
      assert.equal(body[0].errorCode, 'NOT_FOUND', path);
    }
  });
});
