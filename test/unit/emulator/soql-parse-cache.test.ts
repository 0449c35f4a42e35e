// The emulator's cache of parsed SOQL is bounded by the statements' length, not only their number: trees of long
// statements (about 20 bytes a character) once held hundreds of megabytes. A long statement is not kept at all.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { parsedCache, parseSoql } from '../../../server/emulator/rest/soql/parse.ts';

/** A statement of about `chars` characters, different for each `n`. */
function statement(n: number, chars: number): string {
  const terms: string[] = [];
  for (let i = 0; terms.join(' OR ').length < chars; i++) terms.push(`Name = 's${n}-${i}'`);
  return `SELECT Id FROM Account WHERE ${terms.join(' OR ')}`;
}

describe('parsed SOQL cache', () => {
  test('keeps at most 400,000 characters of statements, and no statement over 20,000', () => {
    const before = parsedCache();
    for (let n = 0; n < 3; n++) parseSoql(statement(n, 30_000));
    assert.deepEqual(parsedCache(), before, 'long statements are parsed, not kept');
    for (let n = 0; n < 45; n++) parseSoql(statement(100 + n, 15_000));
    const { statements, chars } = parsedCache();
    assert.ok(chars <= 400_000, `${chars} characters kept`);
    assert.ok(statements >= 20, `${statements} statements kept: the recent ones stay`);
    // A short statement, parsed twice, is the same frozen tree.
    const soql = 'SELECT Id FROM Account LIMIT 1';
    assert.equal(parseSoql(soql), parseSoql(soql));
  });
});
