// SOQL in the emulator where Salesforce is stricter or orders differently than a generic engine would: AND and OR
// never meet without parentheses, aggregates never page, and a picklist sorts in its defined order.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { soqlStack } from '../../support/soql.ts';

describe('emulator: SOQL logic, aggregate batches and picklist order', () => {
  const emulator = soqlStack();
  const { rows, refusal } = emulator;

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

  test('an aggregate query never pages: more groups than one batch are refused, as many as one batch answer', async () => {
    const perContact = 'SELECT Id, COUNT(Name) FROM Contact GROUP BY Id';
    const contacts = (await emulator.rest.query('SELECT COUNT() FROM Contact')).body.totalSize as number;
    assert.ok(contacts > 2000, 'the seed has more contacts than one batch');
    const { status, body } = await emulator.rest.query(perContact);
    assert.equal(status, 400);
    assert.deepEqual(body, [
      {
        message:
          'Aggregate query does not support queryMore(), use LIMIT to restrict the results to a single batch',
        errorCode: 'EXCEEDED_ID_LIMIT',
      },
    ]);
    const limited = await rows(`${perContact} LIMIT 2000`);
    assert.equal(limited.length, 2000);
    // A smaller batch asked for is a smaller ceiling; plain queries page past it as before.
    const small = { 'sforce-query-options': 'batchSize=200' };
    assert.equal((await emulator.rest.query(`${perContact} LIMIT 201`, small)).status, 400);
    assert.equal((await emulator.rest.query(`${perContact} LIMIT 200`, small)).body.done, true);
    const plain = await emulator.rest.query('SELECT Id FROM Contact', small);
    assert.equal(plain.body.done, false);
  });

  test('ORDER BY a picklist follows the order its describe lists, not the alphabet', async () => {
    const { body } = await emulator.rest.get('/sobjects/Opportunity/describe');
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
    const grouped = (
      await rows('SELECT StageName, COUNT(Id) FROM Opportunity GROUP BY StageName ORDER BY StageName')
    ).map((row) => defined.indexOf(row.StageName as string));
    assert.deepEqual(
      grouped,
      [...grouped].sort((x, y) => x - y),
      'grouped, too',
    );
    // MIN() and MAX() go by the same order.
    const [extremes] = await rows('SELECT MIN(StageName) low, MAX(StageName) high FROM Opportunity');
    const present = [...new Set(sorted)];
    assert.deepEqual(extremes, {
      attributes: { type: 'AggregateResult' },
      low: present[0],
      high: present.at(-1),
    });
    const descending = (await rows('SELECT StageName FROM Opportunity ORDER BY StageName DESC')).map(
      (row) => row.StageName,
    );
    assert.deepEqual(descending, [...sorted].reverse());
  });
});
