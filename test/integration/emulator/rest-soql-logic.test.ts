// SOQL in the emulator where Salesforce is stricter or orders differently than a generic engine would: AND and OR
// never meet without parentheses, only aggregates take aliases, and a picklist sorts in its defined order.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { restClientFor, type RestTestClient } from '../../support/rest.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('emulator: SOQL logic and picklist order', () => {
  let stack: TestStack;
  let rest: RestTestClient;
  const rows = async (soql: string) => {
    const { status, body } = await rest.query(soql);
    assert.equal(status, 200, JSON.stringify(body));
    return body.records as Record<string, unknown>[];
  };
  const refusal = async (soql: string) => {
    const { status, body } = await rest.query(soql);
    assert.equal(status, 400, JSON.stringify(body));
    return body[0] as { errorCode: string; message: string };
  };

  before(async () => {
    stack = await startTestStack();
    rest = await restClientFor(stack);
  });
  after(() => stack.close());

  test('AND and OR at one level without parentheses: MALFORMED_QUERY at the operator that mixes them', async () => {
    const andThenOr = "SELECT Name FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'";
    const first = await refusal(andThenOr);
    assert.equal(first.errorCode, 'MALFORMED_QUERY');
    assert.match(first.message, /unexpected token: OR$/);
    assert.match(first.message, new RegExp(`ERROR at Row:1:Column:${andThenOr.indexOf(' OR ') + 2}\\n`));
    const orThenAnd = "SELECT Name FROM Account WHERE Name = 'a' OR Name = 'b' AND Name = 'c'";
    const second = await refusal(orThenAnd);
    assert.match(second.message, /unexpected token: AND$/);
    assert.match(second.message, new RegExp(`ERROR at Row:1:Column:${orThenAnd.indexOf(' AND ') + 2}\\n`));
    // Inside a sub-select and in HAVING too.
    assert.equal(
      (
        await refusal(
          "SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE LastName = 'a' AND FirstName = 'b' OR Email = null)",
        )
      ).errorCode,
      'MALFORMED_QUERY',
    );
    assert.equal(
      (
        await refusal(
          'SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry HAVING COUNT(Id) > 1 AND COUNT(Id) < 5 OR COUNT(Id) = 9',
        )
      ).errorCode,
      'MALFORMED_QUERY',
    );
  });

  test('with parentheses, or one operator throughout, the same conditions answer', async () => {
    const names = async (soql: string) => (await rows(soql)).map((row) => row.Name).sort();
    const all = await names('SELECT Name FROM Account');
    const [a, b, c] = all;
    const grouped = await names(
      `SELECT Name FROM Account WHERE (Name = '${a}' AND Name = '${b}') OR Name = '${c}'`,
    );
    assert.deepEqual(grouped, [c]);
    const other = await names(
      `SELECT Name FROM Account WHERE Name = '${a}' AND (Name = '${b}' OR Name = '${a}')`,
    );
    assert.deepEqual(other, [a]);
    assert.deepEqual(
      await names(`SELECT Name FROM Account WHERE Name = '${a}' OR Name = '${b}' OR Name = '${c}'`),
      [a, b, c],
    );
    assert.deepEqual(
      await names(`SELECT Name FROM Account WHERE NOT Name = '${a}' AND NOT Name = '${b}'`),
      all.slice(2),
    );
  });

  test('an alias on a plain field is named as such; on an aggregate it is fine', async () => {
    for (const soql of ['SELECT Name n FROM Account', 'SELECT Id, Name n, Industry FROM Account']) {
      const refused = await refusal(soql);
      assert.equal(refused.errorCode, 'MALFORMED_QUERY');
      assert.match(refused.message, /\nonly aggregate expressions use field aliasing$/);
    }
    assert.equal(
      (await rows('SELECT COUNT(Id) n FROM Account'))[0].n,
      (await rows('SELECT Id FROM Account')).length,
    );
    // In an aggregate query a grouped field may take one too (SOQL guide, "Using Aliases with GROUP BY").
    const grouped = await rows('SELECT Industry ind, COUNT(Id) FROM Account GROUP BY Industry');
    assert.ok(grouped.length > 0 && grouped.every((row) => 'ind' in row && !('Industry' in row)));
  });

  test('ORDER BY a picklist follows the order its describe lists, not the alphabet', async () => {
    const { body } = await rest.get('/sobjects/Opportunity/describe');
    const stage = (body.fields as { name: string; picklistValues: { value: string }[] }[]).find(
      (field) => field.name === 'StageName',
    );
    const defined = stage?.picklistValues.map((entry) => entry.value) ?? [];
    assert.notDeepEqual(defined, [...defined].sort(), 'the seeded stages are not in alphabetical order');
    const sorted = (await rows('SELECT StageName FROM Opportunity ORDER BY StageName')).map(
      (row) => row.StageName as string,
    );
    const places = sorted.map((value) => defined.indexOf(value));
    assert.ok(places.every((place) => place >= 0));
    assert.deepEqual(
      places,
      [...places].sort((x, y) => x - y),
    );
    const descending = (await rows('SELECT StageName FROM Opportunity ORDER BY StageName DESC')).map(
      (row) => row.StageName,
    );
    assert.deepEqual(descending, [...sorted].reverse());
  });
});
