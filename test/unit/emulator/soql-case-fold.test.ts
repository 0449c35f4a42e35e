// Unit tests for SOQL's case rules over all of Unicode: two texts sort as one (sortText) exactly when they are
// equal (foldCase), so =, <=, >= and ORDER BY never disagree, and the fast paths give what character by character does.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { foldCase, sortText } from '../../../server/emulator/rest/soql/caseFold.ts';

/**
 * Characters that fold or sort as another (or as more than one), and what they become. A pair that folds or sorts
 * as one has a member that changes, and the other changes too or is what that one becomes: all are in this set.
 */
function changingAndTargets(): string[] {
  const found = new Set<string>();
  for (let point = 0; point <= 0x10ffff; point++) {
    if (point >= 0xd800 && point <= 0xdfff) continue;
    const char = String.fromCodePoint(point);
    const [fold, key] = [foldCase(char), sortText(char)];
    if (fold !== char || key !== char) for (const each of [char, fold, key]) found.add(each);
  }
  return [...found];
}

describe('SOQL case folding and sorting', () => {
  test('characters sort as one exactly when they fold to one, and each becomes one character', () => {
    const foldOfKey = new Map<string, string>();
    const keyOfFold = new Map<string, string>();
    const wrong: string[] = [];
    for (const char of changingAndTargets()) {
      const [fold, key] = [foldCase(char), sortText(char)];
      const one = Array.from(fold).length === 1 && Array.from(key).length === 1;
      if (!one || (foldOfKey.get(key) ?? fold) !== fold || (keyOfFold.get(fold) ?? key) !== key)
        wrong.push(char);
      foldOfKey.set(key, fold);
      keyOfFold.set(fold, key);
    }
    assert.deepEqual(wrong, []);
  });

  test('ß keeps itself (after Z) instead of becoming SS, in any text', () => {
    assert.equal(sortText('Straße'), 'STRAßE');
    assert.equal(sortText('ẞ'), sortText('ß'));
    assert.notEqual(sortText('ß'), sortText('ss'));
    assert.ok(sortText('ß') > sortText('z'));
    assert.equal(sortText('ﬁ'), 'ﬁ');
    assert.equal(sortText('İstanbul'), sortText('istanbul'));
    assert.equal(sortText('\u212aelvin'), 'KELVIN');
  });

  test('text of many characters sorts as its characters one by one', () => {
    const text = 'aßİK ſ ﬁ ς Ω ᾈ ẞ 𐐨 é';
    assert.equal(sortText(text), Array.from(text, sortText).join(''));
  });
});
