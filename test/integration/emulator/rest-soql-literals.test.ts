// SOQL literals and names in the emulator, as strict as Salesforce's: only aggregates take aliases (each once), and a
// string literal takes SOQL's escapes only.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { soqlStack } from '../../support/soql.ts';

describe('emulator: SOQL aliases and string escapes', () => {
  const emulator = soqlStack();
  const { rows, refusal } = emulator;

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
    assert.match(
      (await refusal('SELECT Name n, COUNT(Id) N FROM Account GROUP BY Name')).message,
      /\nduplicate alias: N$/,
    );
    // In an aggregate query a grouped field may take one too (SOQL guide, "Using Aliases with GROUP BY").
    const grouped = await rows('SELECT Industry ind, COUNT(Id) FROM Account GROUP BY Industry');
    assert.ok(grouped.length > 0 && grouped.every((row) => 'ind' in row && !('Industry' in row)));
  });

  test("a string literal takes SOQL's escapes in either case, and refuses any other backslash", async () => {
    const created = await emulator.rest.post('/sobjects/Account', { Name: "O'Brien\tand\nSons" });
    assert.equal(created.status, 201);
    for (const literal of ["'O\\'Brien\\tand\\nSons'", "'O\\'Brien\\Tand\\NSons'"]) {
      assert.equal((await rows(`SELECT Id FROM Account WHERE Name = ${literal}`)).length, 1, literal);
    }
    assert.equal((await rows("SELECT Id FROM Account WHERE Name LIKE 'O\\'Brien\\Tand%'")).length, 1);
    assert.equal((await emulator.rest.post('/sobjects/Account', { Name: 'Café Olé' })).status, 201);
    assert.equal((await rows("SELECT Id FROM Account WHERE Name = 'Caf\\u00e9 Ol\\u00E9'")).length, 1);
    assert.equal((await rows("SELECT Id FROM Account WHERE Name LIKE 'caf\\u00e9%'")).length, 1);
    assert.match(
      (await refusal("SELECT Id FROM Account WHERE Name = 'Caf\\u00'")).message,
      /Illegal character sequence '\\u' in string literal\.$/,
    );
    // A line or paragraph separator pasted into a value is a character like any other, in a query too.
    assert.equal(
      (await emulator.rest.post('/sobjects/Account', { Name: 'Line\u2028Sep\u2029End' })).status,
      201,
    );
    assert.equal((await rows("SELECT Id FROM Account WHERE Name = 'Line\u2028Sep\u2029End'")).length, 1);
    assert.equal((await rows("SELECT Id FROM Account WHERE Name LIKE 'Line\u2028%'")).length, 1);
    // Outside a literal, one is white space, as it always was.
    assert.ok(
      (await rows("SELECT Id\u2028FROM Account\u2029WHERE Name = 'Line\u2028Sep\u2029End'")).length === 1,
    );
    // As an org said it (restforce#632): the caret at the literal's start, the sequence quoted.
    const refused = await refusal("SELECT Id FROM Account WHERE Name = 'O\\xBrien'");
    assert.equal(refused.errorCode, 'MALFORMED_QUERY');
    assert.match(
      refused.message,
      /Column:37\nInvalid string literal 'O\\xBrien'\. Illegal character sequence '\\x' in string literal\.$/,
    );
  });
});
