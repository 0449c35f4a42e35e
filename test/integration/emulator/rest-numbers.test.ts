// Numbers written to the emulator's records: an int field holds a Java int, and every number field at most its
// digits before the point; more is refused, never stored (stored, -1e308 made SUM() return nonsense).
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { restClientFor, type RestTestClient } from '../../support/rest.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('emulator: number fields', () => {
  let stack: TestStack;
  let rest: RestTestClient;
  before(async () => {
    stack = await startTestStack();
    rest = await restClientFor(stack);
  });
  after(() => stack.close());

  const write = async (object: string, fields: Record<string, unknown>) => {
    const { status, body } = await rest.post(`/sobjects/${object}`, fields);
    return {
      status,
      error: (body as unknown as { errorCode?: string; message?: string; fields?: string[] }[])[0],
    };
  };
  const account = (employees: unknown) => write('Account', { Name: 'Numbers', NumberOfEmployees: employees });
  const opportunity = (fields: Record<string, unknown>) =>
    write('Opportunity', { Name: 'Numbers', StageName: 'Prospecting', CloseDate: '2030-01-01', ...fields });

  test('as many digits as the field has are stored; one more is NUMBER_OUTSIDE_VALID_RANGE, naming the field', async () => {
    assert.equal((await account(99_999_999)).status, 201);
    const over = await account(100_000_000);
    assert.equal(over.status, 400);
    assert.deepEqual(over.error, {
      errorCode: 'NUMBER_OUTSIDE_VALID_RANGE',
      message: 'Employees: value outside of valid range on numeric field: 100000000',
      fields: ['NumberOfEmployees'],
    });
    assert.equal(
      (await opportunity({ Amount: 1_234_567_890_123_456 })).status,
      201,
      '16 digits before the point',
    );
    assert.equal((await opportunity({ Amount: 12_345_678_901_234_568 })).status, 400, '17 digits');
    assert.equal((await opportunity({ Amount: -1e308 })).error.errorCode, 'NUMBER_OUTSIDE_VALID_RANGE');
    assert.equal((await opportunity({ Probability: 100 })).status, 201);
    assert.equal((await opportunity({ Probability: 1000 })).error.errorCode, 'NUMBER_OUTSIDE_VALID_RANGE');
  });

  test('an int field takes neither a fraction nor a number past 32 bits: the JSON cannot be read', async () => {
    for (const employees of [12.5, 3_000_000_000, -3_000_000_000]) {
      const refused = await account(employees);
      assert.equal(refused.status, 400, String(employees));
      assert.equal(refused.error.errorCode, 'JSON_PARSER_ERROR');
    }
    // Past a double's range, the number is named as such, not as the null JSON would print for it.
    const huge = await rest.post('/sobjects/Account', '{"Name":"Numbers","NumberOfEmployees":1e400}');
    assert.equal(huge.status, 400);
    assert.match(huge.body[0].message, /from VALUE_NUMBER value beyond the range of a double/);
  });

  test('nothing refused was stored', async () => {
    const { body } = await rest.query("SELECT NumberOfEmployees FROM Account WHERE Name = 'Numbers'");
    assert.deepEqual(
      (body.records as { NumberOfEmployees: number }[]).map((row) => row.NumberOfEmployees),
      [99_999_999],
    );
  });
});
