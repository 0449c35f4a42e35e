// Where SOQL is not SQL, the emulator answers as Salesforce documents: a checkbox's null is false, an empty string is
// null to a text filter, English-locale text sorts by the code points of its upper case (ß as itself), WHERE strings
// stop at 4,000 characters, sums are decimal, and a number written as text is read as decimal digits only.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { soqlStack } from '../../support/soql.ts';

describe('emulator: SOQL where it is not SQL', () => {
  const emulator = soqlStack();
  const { count, rows, refusal } = emulator;
  const create = async (object: string, record: Record<string, unknown>) => {
    const created = await emulator.rest.post(`/sobjects/${object}`, record);
    assert.equal(created.status, 201, JSON.stringify(created.body));
  };

  test('a checkbox compared with null: = null is = false, != null is = true (SOQL guide, null values)', async () => {
    const [won, lost] = [
      await count('SELECT COUNT() FROM Opportunity WHERE IsWon = true'),
      await count('SELECT COUNT() FROM Opportunity WHERE IsWon = false'),
    ];
    assert.ok(won > 0 && lost > 0);
    assert.equal(await count('SELECT COUNT() FROM Opportunity WHERE IsWon = null'), lost);
    assert.equal(await count('SELECT COUNT() FROM Opportunity WHERE IsWon != null'), won);
    assert.equal(await count('SELECT COUNT() FROM Opportunity WHERE IsWon IN (true, null)'), won + lost);
  });

  test("'' in a text filter is null: = '' and LIKE '' find the records without a value, != '' those with one", async () => {
    await create('Account', { Name: 'ZZ empty phone' });
    await create('Account', { Name: 'ZZ with phone', Phone: '555-0100' });
    const names = async (where: string) =>
      (await rows(`SELECT Name FROM Account WHERE Name LIKE 'ZZ%' AND ${where} ORDER BY Name`)).map(
        (r) => r.Name,
      );
    assert.deepEqual(await names("Phone = ''"), ['ZZ empty phone']);
    assert.deepEqual(await names("Phone != ''"), ['ZZ with phone']);
    assert.deepEqual(await names("Phone = ''"), await names('Phone = null'));
    // LIKE '' too (SOQL guide, SET OPTIONS: no difference between null and ''), but not LIKE '%' (undocumented).
    assert.deepEqual(await names("Phone LIKE ''"), ['ZZ empty phone']);
    assert.deepEqual(await names("(NOT Phone LIKE '')"), ['ZZ with phone']);
    assert.deepEqual(await names("Phone LIKE '%'"), ['ZZ with phone']);
  });

  test('text sorts by the code points of its upper case (English locales): _ after the letters, É after Z', async () => {
    for (const name of ['ZY_B', 'ZYa', 'ZY-A', 'ZYÉ', 'ZYB', 'ZY1', 'ZYF', 'ZY a', 'ZYC'])
      await create('Account', { Name: name });
    const sorted = (await rows("SELECT Name FROM Account WHERE Name LIKE 'ZY%' ORDER BY Name")).map(
      (r) => r.Name,
    );
    assert.deepEqual(sorted, ['ZY a', 'ZY-A', 'ZY1', 'ZYa', 'ZYB', 'ZYC', 'ZYF', 'ZY_B', 'ZYÉ']);
    // Comparisons and MAX go the same way.
    assert.deepEqual(
      (await rows("SELECT Name FROM Account WHERE Name LIKE 'ZY%' AND Name > 'ZYF' ORDER BY Name")).map(
        (r) => r.Name,
      ),
      ['ZY_B', 'ZYÉ'],
    );
    assert.equal((await rows("SELECT MAX(Name) m FROM Account WHERE Name LIKE 'ZY%'"))[0].m, 'ZYÉ');
    // And groups ordered by an aggregate of text.
    const grouped = await rows(
      "SELECT Name, MAX(Name) m FROM Account WHERE Name LIKE 'ZY%' GROUP BY Name ORDER BY MAX(Name)",
    );
    assert.deepEqual(
      grouped.map((r) => r.m),
      sorted,
    );
  });

  test('ß sorts and compares as one letter after Z, never as SS: what is = a text is also <= and >= it', async () => {
    const names = ['ZX ß', 'ZX ss', 'ZX sr', 'ZX st', 'ZX z'];
    for (const name of names) await create('Account', { Name: name });
    const named = async (where: string) =>
      (await rows(`SELECT Name FROM Account WHERE Name LIKE 'ZX%' ${where}`)).map((r) => r.Name);
    assert.deepEqual(await named('ORDER BY Name'), ['ZX sr', 'ZX ss', 'ZX st', 'ZX z', 'ZX ß']);
    assert.deepEqual(await named("AND Name > 'zx z'"), ['ZX ß']);
    for (const name of [...names, 'zx SS', 'ZX ẞ']) {
      const literal = name.toLowerCase();
      assert.deepEqual(
        await named(`AND Name <= '${literal}' AND Name >= '${literal}'`),
        await named(`AND Name = '${literal}'`),
        name,
      );
    }
  });

  test('a string in WHERE longer than 4,000 characters is refused, as the SOQL guide sets the limit', async () => {
    const refused = await refusal(`SELECT Id FROM Account WHERE Name = '${'x'.repeat(4_001)}'`);
    assert.equal(refused.errorCode, 'MALFORMED_QUERY');
    assert.match(refused.message, /a string in WHERE may have up to 4,000 characters$/);
    assert.equal(await count(`SELECT COUNT() FROM Account WHERE Name = '${'x'.repeat(4_000)}'`), 0);
  });

  test('SUM and AVG add decimals exactly: 0.1 + 0.2 is 0.3', async () => {
    for (const [name, amount] of [
      ['ZZ amt 0.1', 0.1],
      ['ZZ amt 0.2', 0.2],
    ] as const)
      await create('Opportunity', {
        Name: name,
        Amount: amount,
        StageName: 'Prospecting',
        CloseDate: '2025-04-01',
      });
    const [sums] = await rows(
      "SELECT SUM(Amount) s, AVG(Amount) a FROM Opportunity WHERE Name IN ('ZZ amt 0.1', 'ZZ amt 0.2')",
    );
    assert.deepEqual([sums.s, sums.a], [0.3, 0.15]);
  });

  test('a number written as text is read as decimal digits, never as 0x, 0b or 0o', async () => {
    for (const written of ['0x10', '0b11', '0o7', 'Infinity']) {
      const refused = await emulator.rest.post('/sobjects/Account', {
        Name: 'ZZ hex',
        NumberOfEmployees: written,
      });
      assert.equal(refused.status, 400, written);
      assert.equal((refused.body as { errorCode: string }[])[0].errorCode, 'JSON_PARSER_ERROR', written);
    }
    await create('Account', { Name: 'ZZ decimal text', NumberOfEmployees: '16' });
    assert.equal(
      (await rows("SELECT NumberOfEmployees FROM Account WHERE Name = 'ZZ decimal text'"))[0]
        .NumberOfEmployees,
      16,
    );
  });
});
