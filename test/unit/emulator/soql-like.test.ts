// Unit tests for SOQL LIKE: wildcards, escapes and case (non-ASCII too), and patterns that would make a backtracking
// matcher take exponential time are reduced to a few pieces matched in one pass.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { foldCase } from '../../../server/emulator/rest/soql/caseFold.ts';
import { compileLike, matchLike } from '../../../server/emulator/rest/soql/like.ts';

const like = (pattern: string, value: string) => matchLike(compileLike(pattern), value);

describe('SOQL LIKE', () => {
  test('matches % as any run and _ as exactly one character, ignoring case', () => {
    assert.equal(like('acme%', 'Acme Inc.'), true);
    assert.equal(like('%INC.', 'Acme Inc.'), true);
    assert.equal(like('a_me%', 'ACME'), true);
    assert.equal(like('a_me', 'ame'), false);
    assert.equal(like('%me%nc%', 'Acme Inc.'), true);
    assert.equal(like('%nc%me%', 'Acme Inc.'), false);
    assert.equal(like('', ''), true);
    assert.equal(like('', 'x'), false);
    assert.equal(like('%', ''), true);
    assert.equal(like('a%a', 'a'), false);
    assert.equal(like('a%a', 'aa'), true);
  });

  test('reads \\% and \\_ as the characters themselves', () => {
    assert.equal(like('50\\%', '50%'), true);
    assert.equal(like('50\\%', '500'), false);
    assert.equal(like('a\\_b', 'a_b'), true);
    assert.equal(like('a\\_b', 'axb'), false);
    assert.equal(like("O\\'Brien", "O'Brien"), true);
  });

  test('folds case over whole runs of text, and _ is one character, one outside the BMP too', () => {
    // İ lowers to two code points: the pattern's run is folded as the value is, so the value itself matches.
    assert.equal(like('İstanbul', 'İstanbul'), true);
    assert.equal(like('İst%', 'İSTANBUL'.replace('I', 'İ')), true);
    assert.equal(like('%𐐀%', 'x𐐨y'), true, 'a Deseret capital matches its small letter');
    assert.equal(like('Emoji _ Co', 'Emoji 😀 Co'), true);
    assert.equal(like('Emoji __ Co', 'Emoji 😀 Co'), false);
    assert.equal(like('_', '😀'), true);
    // One character to one: İ is one letter to `_`, and a capital sigma ending a run is still sigma.
    assert.equal(like('_stanbul', 'İstanbul'), true);
    assert.equal(like('%ΑΣ%', 'ΚΑΣΑ'), true);
    assert.equal(like('ΑΣ%', 'ΑΣΤΡΟ'), true);
    assert.equal(like('ΟΔΟΣ%', 'οδοσος'), true);
    assert.equal(like('%λόγος', 'ΛΌΓΟΣ'), true);
  });

  test('matches a pattern without _ as strings (indexOf), one with _ character by character', () => {
    // The string path is what keeps a long piece over many long values to one native search per piece.
    assert.deepEqual(compileLike(`%${'a'.repeat(3)}b%c`).texts, ['aaab', 'c']);
    assert.equal(compileLike('a_b%').texts, undefined);
    assert.equal(like(`%${'a'.repeat(127)}b%`, 'a'.repeat(255)), false);
    assert.equal(like(`%${'a'.repeat(127)}b%`, `${'a'.repeat(200)}b`), true);
  });

  test('collapses runs of % so a hostile pattern is one piece, matched without backtracking', () => {
    const hostile = compileLike('%%%%%%%%%%%!');
    assert.equal(hostile.pieces.length, 1);
    assert.equal(matchLike(hostile, 'a'.repeat(24)), false);
    const long = compileLike(`${'%a'.repeat(40_000)}%b`);
    assert.equal(long.pieces.length, 40_001);
    assert.equal(matchLike(long, 'a'.repeat(255)), false);
    assert.equal(matchLike(compileLike('%a%a%a%b'), `${'a'.repeat(200)}b`), true);
  });

  test('folds every character to one: the lower case of its upper case, or its own where that upper case is two', () => {
    const mismatches: string[] = [];
    for (let code = 0; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCodePoint(code);
      const upper = char.toUpperCase();
      const base = Array.from(upper).length === 1 ? upper : char;
      const want = String.fromCodePoint(base.toLowerCase().codePointAt(0) as number);
      if (foldCase(char) !== want) mismatches.push(code.toString(16));
    }
    assert.deepEqual(mismatches, []);
    assert.equal(foldCase('İSTANBUL ΟΔΟΣ ſTRASSE µ ı'), 'istanbul οδοσ strasse μ i');
    assert.equal(foldCase('Straße'), 'straße');
    assert.equal(like('%ſtr%', 'STRASSE'), true);
    assert.equal(like('strasse', 'Straße'), false);
  });
});
