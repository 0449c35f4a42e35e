// The visible checks: PKCE, response signature, state, nonce, id_token signature, clock skew.
import assert from '../../support/assert.ts';
import { createPublicKey } from 'node:crypto';
import { describe, test } from 'node:test';
import njwt from 'njwt';
import {
  nonceCheck,
  pkceChallenge,
  pkceCheck,
  responseSignature,
  signatureCheck,
  stateCheck,
} from '../../../server/flows/checks.ts';
import { idTokenSignatureCheck } from '../../../server/flows/idToken.ts';
import { clockSkewCheck } from '../../../server/teaching/checks.ts';
import { otherKey } from '../../support/assertion.ts';
import { testKeyPem } from '../../support/stack.ts';

describe('checks', () => {
  test('computes the RFC 7636 appendix B challenge', () => {
    assert.equal(
      pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'),
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
    assert.equal(
      pkceCheck('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')
        .passed,
      true,
    );
    assert.equal(pkceCheck('other', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM').passed, false);
  });

  test('verifies the response signature: Base64 HMAC-SHA256 of id + issued_at with the secret', () => {
    const id = 'https://login.salesforce.com/id/00Dx0000000BV7z/005x00000012Q9P';
    const signature = responseSignature('secret', id, '1278448101416');
    assert.match(signature, /^[A-Za-z0-9+/]{43}=$/);
    assert.equal(signatureCheck('secret', id, '1278448101416', signature).passed, true);
    assert.equal(signatureCheck('secret', id, '1278448101417', signature).passed, false);
    // Shown for every flow whose response is signed, not only the user-agent flow's.
    assert.doesNotMatch(signatureCheck('secret', id, '1278448101416', signature).why, /user-agent/);
  });

  test('compares state and nonce', () => {
    assert.equal(stateCheck('abc', 'abc').passed, true);
    assert.equal(stateCheck('abc', 'abd').passed, false);
    assert.equal(stateCheck(undefined, 'abc').passed, false);
    // A state altered on purpose says so, rather than guessing at a reuse, an expiry or another browser.
    const tampered = stateCheck(undefined, 'abc-tampered', ['tampered-state']);
    assert.equal(tampered.passed, false);
    assert.match(tampered.detail, /altered on purpose/);
    assert.doesNotMatch(stateCheck(undefined, 'abc').detail, /on purpose/);
    const idToken = `h.${Buffer.from(JSON.stringify({ nonce: 'n1' })).toString('base64url')}.s`;
    assert.equal(nonceCheck('n1', idToken).passed, true);
    assert.equal(nonceCheck('n2', idToken).passed, false);
    const withoutNonce = `h.${Buffer.from(JSON.stringify({ sub: 'x' })).toString('base64url')}.s`;
    assert.equal(
      nonceCheck('n1', withoutNonce).detail,
      'The id_token carries no nonce, though this session sent one.',
    );
  });

  test('verifies an id_token against a JWKS and refuses another key', async () => {
    // The public half of a key as a JWKS entry, under the kid the token names.
    const jwkOf = (pem: string): Record<string, unknown> => ({
      ...createPublicKey(pem).export({ format: 'jwk' }),
      kid: '1',
    });
    const privateKey = testKeyPem('id-token-signer');
    const jwk = jwkOf(privateKey);
    const jwt = njwt.create({ iss: 'https://issuer', aud: 'client' }, privateKey, 'RS256');
    jwt.setHeader('kid', '1');
    const token = jwt.compact();
    const expected = { issuers: ['https://issuer'], clientId: 'client', nowMs: Date.now() };
    assert.equal((await idTokenSignatureCheck(token, [jwk], expected)).passed, true);
    assert.equal(
      (await idTokenSignatureCheck(token, [jwk], { ...expected, clientId: 'other' })).passed,
      false,
    );
    const otherJwk = jwkOf(otherKey());
    assert.equal((await idTokenSignatureCheck(token, [otherJwk], expected)).passed, false);
  });

  test('measures clock skew from the Date header', () => {
    const at = Date.parse('2026-11-24T10:00:00Z');
    const entry = (date: string) => [
      {
        id: 'e',
        at,
        kind: 'server-call' as const,
        leg: 'token',
        method: 'POST',
        url: 'u',
        requestHeaders: {},
        responseHeaders: { date },
      },
    ];
    assert.equal(clockSkewCheck(entry('Tue, 24 Nov 2026 10:00:01 GMT'))?.passed, true);
    assert.match(clockSkewCheck(entry('Tue, 24 Nov 2026 10:00:01 GMT'))?.detail ?? '', /is in step with/);
    assert.equal(clockSkewCheck(entry('Tue, 24 Nov 2026 10:05:00 GMT'))?.passed, false);
    // Which way it is off, in words: Salesforce ahead means this machine is behind, and the other way round.
    assert.match(
      clockSkewCheck(entry('Tue, 24 Nov 2026 10:05:00 GMT'))?.detail ?? '',
      /this machine's clock is about 300 s behind Salesforce's\.$/,
    );
    assert.match(
      clockSkewCheck(entry('Tue, 24 Nov 2026 09:55:00 GMT'))?.detail ?? '',
      /this machine's clock is about 300 s ahead of Salesforce's\.$/,
    );
    // A slow answer: Salesforce wrote its Date somewhere during the 4 s the call took, so 3 s later is in step.
    const slow = [{ ...entry('Tue, 24 Nov 2026 10:00:03 GMT')[0], durationMs: 4_000 }];
    assert.match(clockSkewCheck(slow)?.detail ?? '', /is in step with Salesforce's\.$/);
  });
});
