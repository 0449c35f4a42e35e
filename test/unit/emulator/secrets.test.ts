// The emulator's own crypto primitives against published test vectors (RFC 7636, RFC 4231), not against themselves.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { pkceChallenge, responseSignature, safeEqual } from '../../../server/emulator/secrets.ts';

describe('emulator crypto primitives', () => {
  test('PKCE S256 gives the challenge of RFC 7636 appendix B', () => {
    assert.equal(
      pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'),
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  test('PKCE S256 is base64url without padding, for verifiers longer than 128 characters too', () => {
    const challenge = pkceChallenge('v'.repeat(171));
    assert.match(challenge, /^[A-Za-z0-9_-]{43}$/);
  });

  test('the response signature is HMAC-SHA256 of id + issued_at: RFC 4231 test case 2, in standard Base64', () => {
    // Key "Jefe", data "what do ya want for nothing?", split where id ends and issued_at begins.
    const expectedHex = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
    assert.equal(
      responseSignature('Jefe', 'what do ya want ', 'for nothing?'),
      Buffer.from(expectedHex, 'hex').toString('base64'),
    );
  });

  test('the response signature keys HMAC with the secret as given: RFC 4231 test case 1', () => {
    const expectedHex = 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7';
    assert.equal(
      responseSignature('\x0b'.repeat(20), 'Hi ', 'There'),
      Buffer.from(expectedHex, 'hex').toString('base64'),
    );
  });

  test('safeEqual tells equal from unequal secrets, whatever their lengths', () => {
    assert.equal(safeEqual('secret', 'secret'), true);
    assert.equal(safeEqual('secret', 'secreT'), false);
    assert.equal(safeEqual('secret', 'secret-longer'), false);
    assert.equal(safeEqual('', ''), true);
  });
});
