// sObject Collections and record writes refuse a body of the wrong shape as Salesforce's JSON deserializer does
// (JSON_PARSER_ERROR, naming the token it met), and say when there is no body at all.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { restStackForTests } from '../../support/rest.ts';

describe('emulator: bodies of the wrong shape', () => {
  const made = restStackForTests();

  test('a value where a list or a string belongs is refused as JSON_PARSER_ERROR, never taken as none', async () => {
    for (const [path, body, type, token] of [
      ['/composite/sobjects', { allOrNone: true, records: 'x' }, 'List', 'VALUE_STRING'],
      [
        '/composite/sobjects',
        [{ attributes: { type: 'Account' }, Name: 'In a bare list' }],
        'Object',
        'START_ARRAY',
      ],
      ['/composite/sobjects/Account', { ids: [null], fields: ['Name'] }, 'String', 'VALUE_NULL'],
      ['/composite/sobjects/Account', { ids: { id: 1 }, fields: ['Name'] }, 'List', 'START_OBJECT'],
      [
        '/composite/sobjects/Account',
        { ids: ['001000000000000AAA'], fields: ['Name', {}] },
        'String',
        'START_OBJECT',
      ],
    ] as const) {
      const answer = await made.rest.post(path, body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body[0].errorCode, 'JSON_PARSER_ERROR');
      assert.match(
        answer.body[0].message,
        new RegExp(`^Cannot deserialize instance of ${type} from ${token} value`),
      );
    }
    // A record's body that is no object names its own token (null is VALUE_NULL, not a string).
    const composite = await made.rest.post('/composite', {
      compositeRequest: [
        { method: 'POST', url: '/services/data/v66.0/sobjects/Account', referenceId: 'a', body: null },
      ],
    });
    assert.match(JSON.stringify(composite.body), /Cannot deserialize instance of Account from VALUE_NULL/);
    // No body at all is said as such, for a record and for a subrequest without one.
    for (const answer of [
      await made.rest.send('POST', '/sobjects/Account'),
      await made.rest.send(
        'PATCH',
        `/sobjects/Account/${(await made.rest.query('SELECT Id FROM Account LIMIT 1')).body.records[0].Id}`,
      ),
    ]) {
      assert.equal(answer.status, 400);
      assert.deepEqual(answer.body, [
        {
          errorCode: 'JSON_PARSER_ERROR',
          message: 'The HTTP entity body is required, but this request has no entity body.',
        },
      ]);
    }
  });
});
