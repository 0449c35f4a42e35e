// Contract tests for what SOQL in the emulator refuses: a date against a datetime field (a former wrong answer),
// statements over 100,000 characters, queries that would compare too much, and what it cannot evaluate; the caret
// under the row an error names.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { soqlStack } from '../../support/soql.ts';

describe('emulator: SOQL', () => {
  const emulator = soqlStack();
  const { refusal } = emulator;

  test('refuses a date against a datetime field and the reverse (a former wrong answer: accepted)', async () => {
    assert.deepEqual(await refusal('SELECT Id FROM Case WHERE CreatedDate > 2025-03-15'), {
      errorCode: 'INVALID_FIELD',
      message:
        "\nSELECT Id FROM Case WHERE CreatedDate > 2025-03-15\n                                        ^\nERROR at Row:1:Column:41\nvalue of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes",
    });
    assert.match(
      (await refusal('SELECT Id FROM Opportunity WHERE CloseDate < 2026-01-01T00:00:00Z')).message,
      /value of filter criterion for field 'CloseDate' must be of type date and should not be enclosed in quotes$/,
    );
    assert.match(
      (await refusal("SELECT Id FROM Account WHERE AnnualRevenue > '5'")).message,
      /field 'AnnualRevenue' must be of type double and should not be enclosed in quotes$/,
    );
    assert.match(
      (await refusal('SELECT Id FROM Account WHERE Name = 5')).message,
      /field 'Name' must be of type string and should be enclosed in quotes$/,
    );
    const badId = await refusal("SELECT Id FROM Account WHERE Id = 'nope'");
    assert.equal(badId.errorCode, 'INVALID_QUERY_FILTER_OPERATOR');
    assert.match(badId.message, /invalid ID field: nope$/);
  });

  test('of a query on several lines, shows the row the error names with the caret under it', async () => {
    const refused = await refusal("SELECT Id, Nme\nFROM Account\nWHERE Name = 'x'");
    assert.equal(refused.errorCode, 'INVALID_FIELD');
    assert.match(refused.message, /^\nSELECT Id, Nme\n {11}\^\nERROR at Row:1:Column:12\n/);
    const second = await refusal('SELECT Id\nFROM Acount');
    assert.match(second.message, /^\nFROM Acount\n {5}\^\nERROR at Row:2:Column:6\n/);
  });

  test('refuses LIMIT with an aggregate function and no GROUP BY, as the SOQL reference says', async () => {
    const refused = await refusal('SELECT MAX(CreatedDate) FROM Account LIMIT 1');
    assert.equal(refused.errorCode, 'MALFORMED_QUERY');
    assert.match(refused.message, /\^\nERROR at Row:1:Column:38\nA LIMIT clause needs a GROUP BY clause/);
    // COUNT() takes a LIMIT, and grouped aggregates do.
    const { rest } = emulator;
    assert.equal((await rest.query('SELECT COUNT() FROM Account LIMIT 5')).body.totalSize, 5);
    const grouped = await rest.query(
      'SELECT Industry, MAX(CreatedDate) FROM Account GROUP BY Industry LIMIT 2',
    );
    assert.equal(grouped.body.records.length, 2);
  });

  test('refuses statements over 100,000 characters, as Salesforce does', async () => {
    const { rest } = emulator;
    // A list of strings, each within WHERE's own limit of 4,000 characters, to the statement's length.
    const pad = (length: number) => {
      const head = 'SELECT Id FROM Account WHERE Name NOT IN (';
      const items: string[] = [];
      for (let room = length - head.length - 1; room > 0;) {
        const last = room <= 3_100;
        const take = last ? room - 2 : 3_000;
        items.push(`'${'x'.repeat(take)}'`);
        room -= take + 2 + (last ? 0 : 1);
      }
      const soql = `${head}${items.join(',')})`;
      assert.equal(soql.length, length);
      return soql;
    };
    const run = (soql: string) =>
      rest.post('/composite', {
        compositeRequest: [
          {
            method: 'GET',
            url: `/services/data/v66.0/query?q=${encodeURIComponent(soql)}`,
            referenceId: 'q',
          },
        ],
      });
    const atLimit = await run(pad(100_000));
    assert.equal(atLimit.body.compositeResponse[0].httpStatusCode, 200);
    const over = await run(pad(100_001));
    assert.deepEqual(over.body.compositeResponse[0].body, [
      { message: 'SOQL statements can not be longer than 100000 characters.', errorCode: 'MALFORMED_QUERY' },
    ]);
  });

  test('stops a query that would compare too much, instead of freezing the server', async () => {
    const { rest } = emulator;
    const soql = `SELECT Id FROM Contact WHERE ${Array.from({ length: 900 }, (_, i) => `Title = 'T${i}'`).join(' OR ')}`;
    const reply = await rest.post('/composite', {
      compositeRequest: [
        { method: 'GET', url: `/services/data/v66.0/query?q=${encodeURIComponent(soql)}`, referenceId: 'q' },
      ],
    });
    assert.deepEqual(reply.body.compositeResponse[0].body, [
      { message: 'Your query request was running for too long.', errorCode: 'QUERY_TIMEOUT' },
    ]);
  });

  test('refuses valid SOQL it cannot evaluate with MALFORMED_QUERY naming an emulator limit', async () => {
    for (const soql of [
      'SELECT toLabel(Status) FROM Case',
      'SELECT Id FROM Account WHERE CALENDAR_YEAR(CreatedDate) = 2025',
      'SELECT Id FROM Account FOR UPDATE',
      'SELECT Id FROM Account USING SCOPE team',
      'SELECT COUNT() FROM Contact GROUP BY AccountId',
    ]) {
      const { errorCode, message } = await refusal(soql);
      assert.equal(errorCode, 'MALFORMED_QUERY', soql);
      assert.match(
        message,
        /is not supported by this local emulator \(an emulator limit, not an error in the query\)\.$/,
        soql,
      );
    }
  });
});
