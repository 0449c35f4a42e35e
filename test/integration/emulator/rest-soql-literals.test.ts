// SOQL literals and names in the emulator, as strict as Salesforce's: only aggregates take aliases (each once), a
// string literal takes SOQL's escapes only, and text ignores case the same way in every operator.
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

  test('text ignores case the same way in =, IN, LIKE and GROUP BY: no operator finds a record another misses', async () => {
    for (const Name of ['İstanbul Fold', 'ΟΔΟΣ Fold', 'Straße Fold']) {
      assert.equal((await emulator.rest.post('/sobjects/Account', { Name })).status, 201);
    }
    // Each character folds to one (İ is i, a final Σ is σ, ſ is s, ı is i); ß stays ß, not ss.
    const cases: [string, number][] = [
      ['istanbul fold', 1],
      ['ıstanbul fold', 1],
      ['οδοσ fold', 1],
      ['ΟΔΟς FOLD', 1],
      ['ſtraße fold', 1],
      ['strasse fold', 0],
    ];
    for (const [text, found] of cases) {
      const literal = `'${text}'`;
      assert.equal((await rows(`SELECT Id FROM Account WHERE Name = ${literal}`)).length, found, `= ${text}`);
      assert.equal(
        (await rows(`SELECT Id FROM Account WHERE Name IN (${literal})`)).length,
        found,
        `IN ${text}`,
      );
      assert.equal(
        (await rows(`SELECT Id FROM Account WHERE Name LIKE ${literal}`)).length,
        found,
        `LIKE ${text}`,
      );
      const others = await rows(`SELECT Id FROM Account WHERE Name != ${literal} AND Name LIKE '%fold'`);
      assert.equal(others.length, 3 - found, `!= ${text}`);
    }
    const groups = await rows("SELECT Name, COUNT(Id) FROM Account WHERE Name LIKE '%fold' GROUP BY Name");
    assert.equal(groups.length, 3);
  });

  test('a separator inside a literal leaves the caret of a later error on the token the parser stopped at', async () => {
    for (const separator of ['-', '\u2028', '\u2029']) {
      const refused = await refusal(
        `SELECT Id FROM Account WHERE Name = 'x${separator}y' AND AND Name = 'z'`,
      );
      assert.equal(refused.errorCode, 'MALFORMED_QUERY');
      assert.match(refused.message, /Column:47\nunexpected token: AND$/, JSON.stringify(separator));
    }
  });

  test("ten parentheses opened in a row are refused as the emulator's limit, not as the query's syntax error", async () => {
    const nested = (n: number) => `SELECT Id FROM Account WHERE ${'('.repeat(n)}Name = 'x'${')'.repeat(n)}`;
    assert.equal((await rows(nested(9))).length, 0);
    const refused = await refusal(nested(10));
    assert.equal(refused.errorCode, 'MALFORMED_QUERY');
    assert.match(
      refused.message,
      /Ten or more parentheses opened one right after another is not supported by this local emulator \(an emulator limit, not an error in the query\)\.$/,
    );
    // Inside a string they are text, and a real syntax error stays one.
    assert.equal((await rows("SELECT Id FROM Account WHERE Name = '((((((((((x'")).length, 0);
    assert.match(
      (await refusal("SELECT Id FROM Account WHERE Name = '((((((((((' AND")).message,
      /unexpected token/,
    );
  });
});
