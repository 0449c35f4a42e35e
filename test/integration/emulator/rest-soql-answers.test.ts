// Contract tests for what SOQL in the emulator answers: the column list the sf CLI asks for, semi- and anti-joins and
// datetimes as instants (two former wrong answers), date literals on a fixed clock, and LIKE.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { soqlStack } from '../../support/soql.ts';

describe('emulator: SOQL', () => {
  const emulator = soqlStack();
  const { count, refusal } = emulator;

  test('answers the column list (columns=true) the sf CLI asks for: canonical names, parents joined, children and aggregates', async () => {
    const { rest } = emulator;
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
    const { rest } = emulator;
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
});
