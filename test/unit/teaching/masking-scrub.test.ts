// The masking functions themselves: maskUrl masks a URL's values as they read, and scrub masks every form of every
// secret in a text, regex characters, a secret holding another, and lists told apart exactly.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { maskUrl } from '../../../server/teaching/mask.ts';
import { scrub } from '../../../server/teaching/scrub.ts';
import { SECRETS } from '../../support/secret-attempt.ts';

describe('masking', () => {
  test('maskUrl keeps the URL as sent but shows masked values as they read, not percent-encoded', () => {
    assert.equal(
      maskUrl(
        'https://h/cb?state=a%2Fb&code=aPrxSecretCodeValue%2B%2Fabc%3D%3D&redirect_uri=https%3A%2F%2Fx',
      ),
      'https://h/cb?state=a%2Fb&code=aPrx…•••••• (26 chars)&redirect_uri=https%3A%2F%2Fx',
    );
    assert.ok(
      !scrub(`x=${encodeURIComponent(SECRETS.code)}`, [SECRETS.code]).includes(
        encodeURIComponent(SECRETS.code),
      ),
    );
  });

  test('scrub masks every form of every secret, regex characters and all, and a secret holding another whole', () => {
    const shorter = 'Sup3rS3cretConsumer';
    const text = [
      SECRETS.code,
      encodeURIComponent(SECRETS.code),
      new URLSearchParams({ code: SECRETS.code }).toString(),
      SECRETS.secret,
      `Bearer ${SECRETS.access}`,
    ].join(' | ');
    const scrubbed = scrub(text, [shorter, SECRETS.code, SECRETS.secret, SECRETS.access]);
    for (const secret of [SECRETS.code, SECRETS.secret, SECRETS.access]) {
      assert.ok(!scrubbed.includes(secret), secret);
      assert.ok(!scrubbed.includes(encodeURIComponent(secret)), secret);
    }
    // The longer secret is masked as itself: its tail does not survive around the shorter one's mask.
    assert.ok(!scrubbed.includes('Value'), scrubbed);
    assert.match(scrubbed, /[^…]•••••• \(24 chars\)/);
    assert.equal(scrub('nothing secret here', [SECRETS.code]), 'nothing secret here');
    assert.equal(scrub('short ones stay', ['stay']), 'short ones stay');
    // Lists are told apart exactly: one secret holding a line break is not the two secrets either side of it.
    assert.equal(scrub('x firstpart y', ['firstpart\nsecondpart']), 'x firstpart y');
    assert.doesNotMatch(scrub('x firstpart y', ['firstpart', 'secondpart']), /firstpart/);
  });
});
