// Contract tests for SOQL in the emulator: the three former wrong answers, type checks, date literals on a fixed
// clock, LIKE, the length limit, the cost guard, and refusals of what it lacks.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { restClientFor, type RestTestClient } from '../../support/rest.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

/** Thursday 20 March 2025, 12:00 UTC: THIS_WEEK starts on Sunday the 16th. */
const NOW = Date.UTC(2025, 2, 20, 12);

describe('emulator: SOQL', () => {
  let stack: TestStack;
  let rest: RestTestClient;
  const count = async (soql: string) => {
    const { status, body } = await rest.query(soql);
    assert.equal(status, 200, JSON.stringify(body));
    return body.totalSize as number;
  };
  const refusal = async (soql: string) => {
    const { status, body } = await rest.query(soql);
    assert.equal(status, 400, JSON.stringify(body));
    return body[0] as { errorCode: string; message: string };
  };

  before(async () => {
    stack = await startTestStack({}, { now: () => NOW });
    rest = await restClientFor(stack);
  });
  after(() => stack.close());

  test('answers the column list (columns=true) the sf CLI asks for: canonical names, parents joined, children and aggregates', async () => {
    const columns = async (soql: string) => {
      const { status, body } = await rest.get(`/query?q=${encodeURIComponent(soql)}&columns=true`);
      assert.equal(status, 200, JSON.stringify(body));
      return body as unknown as { columnMetadata: unknown[]; entityName: string };
    };
    const plain = (name: string, displayName = name, joinColumns: unknown[] = []) => ({
      aggregate: false,
      columnName: name,
      displayName,
      joinColumns,
    });
    assert.deepEqual(
      await columns('select id, name, owner.name, (select lastname from contacts) from account limit 1'),
      {
        columnMetadata: [
          plain('Id'),
          plain('Name'),
          plain('Owner', 'Owner', [plain('Name', 'Owner.Name')]),
          {
            aggregate: true,
            columnName: 'Contacts',
            displayName: 'Contacts',
            joinColumns: [plain('LastName')],
          },
        ],
        entityName: 'Account',
      },
    );
    assert.deepEqual(
      (await columns('SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry')).columnMetadata,
      [
        plain('Industry'),
        { aggregate: true, columnName: 'expr0', displayName: 'COUNT(Id)', joinColumns: [] },
      ],
    );
    const refused = await rest.get(`/query?q=${encodeURIComponent('SELECT Nope FROM Account')}&columns=true`);
    assert.equal(refused.status, 400);
    assert.equal((refused.body as unknown as { errorCode: string }[])[0].errorCode, 'INVALID_FIELD');
  });

  test('evaluates semi- and anti-joins (a former wrong answer: 0 rows when every Account has Contacts)', async () => {
    assert.equal(await count('SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact)'), 40);
    assert.equal(await count('SELECT Id FROM Account WHERE Id NOT IN (SELECT AccountId FROM Contact)'), 0);
    const closed = await rest.query("SELECT AccountId FROM Case WHERE Status = 'Closed'");
    const expected = new Set(closed.body.records.map((r: { AccountId: string }) => r.AccountId));
    const joined = await rest.query(
      "SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Case WHERE Status = 'Closed') ORDER BY Id",
    );
    assert.deepEqual(new Set(joined.body.records.map((r: { Id: string }) => r.Id)), expected);
    assert.equal(
      await count(
        "SELECT Id FROM Account WHERE Id NOT IN (SELECT AccountId FROM Case WHERE Status = 'Closed')",
      ),
      40 - expected.size,
    );
    const inOr = await refusal(
      "SELECT Id FROM Account WHERE Name = 'x' OR Id IN (SELECT AccountId FROM Contact)",
    );
    assert.equal(inOr.errorCode, 'MALFORMED_QUERY');
    assert.match(inOr.message, /Semi join sub-selects are not allowed with the 'OR' operator$/);
    assert.equal(
      await count(
        "SELECT Id FROM Account WHERE (Name = 'Acme Inc.' OR Name = 'Globex Inc.') AND Id IN (SELECT AccountId FROM Contact)",
      ),
      2,
    );
    const mismatch = await refusal('SELECT Id FROM Account WHERE Id IN (SELECT Name FROM Contact)');
    assert.equal(mismatch.errorCode, 'INVALID_FIELD');
    assert.match(mismatch.message, /The selected field 'Name' in the subquery and the left operand field/);
  });

  test('compares datetimes as instants (a former wrong answer: 17 and 16 rows for the same instant)', async () => {
    const pacific = await count('SELECT Id FROM Case WHERE CreatedDate > 2025-03-14T20:00:00-08:00');
    const utc = await count('SELECT Id FROM Case WHERE CreatedDate > 2025-03-15T04:00:00Z');
    const paris = await count('SELECT Id FROM Case WHERE CreatedDate > 2025-03-15T05:00:00+01:00');
    assert.deepEqual([pacific, utc, paris], [16, 16, 16]);
    assert.equal(await count('SELECT Id FROM Case WHERE CreatedDate >= 2025-03-15T00:00:00Z'), 17);
  });

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

  test('evaluates date literals from 00:00 UTC, on datetime and date fields', async () => {
    assert.equal(await count('SELECT Id FROM Case WHERE CreatedDate = TODAY'), 1);
    assert.equal(await count('SELECT Id FROM Case WHERE CreatedDate = YESTERDAY'), 1);
    assert.equal(await count('SELECT Id FROM Case WHERE CreatedDate = LAST_N_DAYS:3'), 4);
    assert.equal(await count('SELECT Id FROM Case WHERE CreatedDate = THIS_WEEK'), 7);
    assert.equal(await count('SELECT Id FROM Case WHERE CreatedDate = N_DAYS_AGO:2'), 1);
    assert.equal(await count('SELECT Id FROM Case WHERE CreatedDate = THIS_MONTH'), 30);
    assert.equal(await count('SELECT Id FROM Case WHERE CreatedDate < THIS_WEEK'), 14);
    assert.equal(await count('SELECT Id FROM Case WHERE CreatedDate > THIS_WEEK'), 9);
    assert.equal(await count('SELECT Id FROM Opportunity WHERE CloseDate > TODAY'), 30);
    assert.equal(await count('SELECT Id FROM Opportunity WHERE CloseDate = NEXT_YEAR'), 26);
    assert.equal(await count('SELECT Id FROM Opportunity WHERE CloseDate IN (LAST_YEAR, THIS_YEAR)'), 0);
  });

  test('matches LIKE case-insensitively with _ and escapes, and a hostile pattern answers at once', async () => {
    assert.equal(await count("SELECT Id FROM Account WHERE Name LIKE 'acme%'"), 2);
    assert.equal(await count("SELECT Id FROM Account WHERE Name LIKE '_cme inc_'"), 1);
    assert.equal(await count("SELECT Id FROM Account WHERE Name LIKE '%\\%%'"), 0);
    assert.equal(await count("SELECT Id FROM Account WHERE Name LIKE '%%%%%%%%%%%!'"), 0);
    assert.equal(await count("SELECT Id FROM Account WHERE Name LIKE '%%%%%%%%%%%.'"), 40);
    const nonText = await refusal("SELECT Id FROM Account WHERE AnnualRevenue LIKE '1%'");
    assert.equal(nonText.errorCode, 'INVALID_FIELD');
  });

  test('refuses statements over 100,000 characters, as Salesforce does', async () => {
    const pad = (length: number) => {
      const head = "SELECT Id FROM Account WHERE Name != '";
      return `${head}${'x'.repeat(length - head.length - 1)}'`;
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
