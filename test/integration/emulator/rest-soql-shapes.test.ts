// Contract tests for the shapes SOQL results take in the emulator: child subqueries nested in their parents,
// aggregate rows with aliases and expr names, standard and parent fields, FIELDS(STANDARD), the Organization row.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { restClientFor, type RestTestClient } from '../../support/rest.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('emulator: SOQL result shapes', () => {
  let stack: TestStack;
  let rest: RestTestClient;
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

  test('returns child subqueries nested in each parent, null where there are none', async () => {
    const { body } = await rest.query(
      "SELECT Name, (SELECT LastName, Title FROM Contacts WHERE Title = 'CEO' ORDER BY LastName LIMIT 3), (SELECT Id FROM Cases) FROM Account WHERE Name IN ('Acme Inc.', 'Hooli Inc.') ORDER BY Name",
    );
    const [acme, hooli] = body.records;
    assert.equal(acme.Name, 'Acme Inc.');
    assert.equal(acme.Contacts.totalSize, 3);
    assert.equal(acme.Contacts.done, true);
    assert.deepEqual(Object.keys(acme.Contacts.records[0]), ['attributes', 'LastName', 'Title']);
    const lastNames = acme.Contacts.records.map((r: { LastName: string }) => r.LastName);
    assert.deepEqual(
      lastNames,
      [...lastNames].sort((a, b) => a.localeCompare(b)),
    );
    assert.ok(acme.Cases.totalSize > 0);
    assert.equal(hooli.Cases, null);
    const unknown = await refusal('SELECT Id, (SELECT Id FROM Nope) FROM Account');
    assert.equal(unknown.errorCode, 'INVALID_TYPE');
    assert.match(unknown.message, /Didn't understand relationship 'Nope' in FROM part of query call/);
  });

  test('aggregates with GROUP BY, aliases, expr names, HAVING and ORDER BY, as AggregateResult rows', async () => {
    const industries = await rest.query(
      'SELECT Industry, COUNT(Id) total FROM Account GROUP BY Industry ORDER BY Industry LIMIT 2',
    );
    assert.deepEqual(industries.body.records, [
      { attributes: { type: 'AggregateResult' }, Industry: 'Energy', total: 5 },
      { attributes: { type: 'AggregateResult' }, Industry: 'Finance', total: 5 },
    ]);
    const raw = (await rest.query('SELECT StageName, Amount, CloseDate FROM Opportunity')).body.records as {
      StageName: string;
      Amount: number;
      CloseDate: string;
    }[];
    const expected = new Map<string, { sum: number; max: string }>();
    for (const { StageName, Amount, CloseDate } of raw) {
      const group = expected.get(StageName) ?? { sum: 0, max: '' };
      expected.set(StageName, {
        sum: group.sum + Amount,
        max: CloseDate > group.max ? CloseDate : group.max,
      });
    }
    const grouped = await rest.query(
      'SELECT StageName, SUM(Amount), MAX(CloseDate) latest FROM Opportunity GROUP BY StageName HAVING SUM(Amount) > 400000 ORDER BY SUM(Amount) DESC',
    );
    const wanted = [...expected].filter(([, g]) => g.sum > 400000).sort(([, a], [, b]) => b.sum - a.sum);
    assert.deepEqual(
      grouped.body.records,
      wanted.map(([stage, g]) => ({
        attributes: { type: 'AggregateResult' },
        StageName: stage,
        expr0: g.sum,
        latest: g.max,
      })),
    );
    assert.deepEqual((await rest.query("SELECT COUNT(Id) FROM Account WHERE Name = 'Nobody'")).body.records, [
      { attributes: { type: 'AggregateResult' }, expr0: 0 },
    ]);
    assert.match(
      (await refusal('SELECT Name, COUNT(Id) FROM Account')).message,
      /Field must be grouped or aggregated: Name$/,
    );
  });

  test('selects standard fields, parent fields through Owner and CreatedBy, and FIELDS(STANDARD)', async () => {
    const { body } = await rest.query(
      "SELECT OwnerId, Owner.Name, CreatedDate, CreatedBy.Username, LastModifiedDate, SystemModstamp, IsDeleted FROM Account WHERE Name = 'Acme Inc.'",
    );
    const [acme] = body.records;
    assert.equal(acme.OwnerId, '0055j00000AdMiNAAV');
    assert.equal(acme.Owner.Name, 'Ada Admin');
    assert.equal(acme.CreatedBy.Username, stack.config.username);
    assert.equal(acme.CreatedDate, '2025-01-01T00:00:00.000+0000');
    assert.equal(acme.IsDeleted, false);
    const all = await rest.query('SELECT FIELDS(STANDARD) FROM Account LIMIT 1');
    const described = await rest.get('/sobjects/Account/describe');
    assert.deepEqual(
      Object.keys(all.body.records[0]).slice(1),
      described.body.fields.map((f: { name: string }) => f.name),
    );
    assert.match(
      (await refusal('SELECT FIELDS(ALL) FROM Account')).message,
      /The SOQL FIELDS function must have a LIMIT of at most 200$/,
    );
  });

  test('the Organization object holds the org itself, as scripts that ask IsSandbox read it', async () => {
    const { body } = await rest.query('SELECT Id, IsSandbox, OrganizationType FROM Organization LIMIT 1');
    assert.deepEqual(body.records[0], {
      attributes: {
        type: 'Organization',
        url: '/services/data/v66.0/sobjects/Organization/00D5j00000PlAyGEAV',
      },
      Id: '00D5j00000PlAyGEAV',
      IsSandbox: false,
      OrganizationType: 'Developer Edition',
    });
    const written = await rest.send('PATCH', '/sobjects/Organization/00D5j00000PlAyGEAV', { Name: 'x' });
    assert.equal(written.status, 400);
  });
});
