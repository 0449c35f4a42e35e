// Random tokens drawn from a block of CSPRNG output: the sizes asked for, every one different, across refills.
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { poolRandomBytes, randomToken } from '../../server/randomPool.ts';

describe('random bytes drawn a block at a time', () => {
  test('gives 24-byte tokens as 32 base64url characters, never the same twice across many refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const token = randomToken(24);
      assert.match(token, /^[A-Za-z0-9_-]{32}$/);
      seen.add(token);
    }
    assert.equal(seen.size, 5000);
  });

  test('gives exactly the size asked for, small or larger than a block share', () => {
    for (const size of [1, 48, 60, 1024, 5000]) assert.equal(poolRandomBytes(size).length, size);
  });

  test('a token handed out is a copy: drawing more never changes it', () => {
    const first = poolRandomBytes(48);
    const copy = Buffer.from(first);
    for (let i = 0; i < 200; i++) poolRandomBytes(48);
    assert.deepEqual(first, copy);
  });
});
