// Snippets: spent single-use values, which copied requests would send one again, and what a new attempt renews.
import assert from '../../support/assert.ts';
import { createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { describe, test } from 'node:test';
import { JWT_GRANT_TYPE, WRONG_AUDIENCE } from '../../../server/flows/jwtBearer.ts';
import { readJwt } from '../../../server/jwt.ts';
import { withNewAssertion, withNewDeviceCode } from '../../../server/teaching/snippets/fresh.ts';
import { spentValue } from '../../../server/teaching/snippets/spent.ts';
import * as legs from './snippet-fixtures.ts';
import { otherKey } from '../../support/assertion.ts';

// Spent single-use values: which copied requests would send one again, and what a new attempt can do for each.
const alone = (entry: (typeof legs)['codeExchange']) => ({ transcript: [entry] });

describe('spent single-use values', () => {
  test('an exchanged authorization code is spent, and only a new login can make a new one', () => {
    const spent = spentValue(legs.codeExchange, alone(legs.codeExchange));
    assert.equal(spent?.what, 'authorization code');
    assert.equal(spent?.fresh, 'code');
    assert.match(spent?.detail ?? '', /An unused code needs a new login at Salesforce/);
    assert.match(spent?.detail ?? '', /invalid_grant \/ expired authorization code/);
  });

  test('a code whose exchange was refused is spent, and the box says that exchange gave no tokens', () => {
    const refused = { ...legs.codeExchange, status: 400, responseBody: '{"error":"invalid_grant"}' };
    const spent = spentValue(refused, alone(refused));
    assert.equal(spent?.fresh, 'code');
    assert.match(spent?.detail ?? '', /the exchange was refused: it gave no tokens/);
    assert.doesNotMatch(spent?.detail ?? '', /revokes the tokens the code gave/);
  });

  test('a sent assertion is spent, says its exp, and can be signed anew', () => {
    const spent = spentValue(legs.jwtExchange, alone(legs.jwtExchange));
    assert.equal(spent?.fresh, 'assertion');
    assert.match(spent?.detail ?? '', /this assertion, whose exp is 2026-11-25T15:34:28\.000Z\./);
  });

  test('a device code is spent once polling ends, not while it is still pending', () => {
    const pending = legs.devicePoll(400, { error: 'authorization_pending' }, 'p1');
    assert.equal(spentValue(pending, { transcript: [pending] }), undefined);
    const slow = legs.devicePoll(400, { error: 'slow_down' }, 'p2');
    assert.equal(spentValue(pending, { transcript: [pending, slow] }), undefined);
    const granted = legs.devicePoll(200, { access_token: 'x' }, 'p3');
    assert.equal(spentValue(pending, { transcript: [pending, granted] })?.fresh, 'device-code');
    const denied = legs.devicePoll(400, { error: 'access_denied' }, 'p4');
    assert.equal(spentValue(pending, { transcript: [pending, denied] })?.what, 'device code');
    // A poll refused for its own sake (another grant_type, a wrong client) leaves the code alive, approved or not.
    const wrongGrant = legs.devicePoll(400, { error: 'unsupported_grant_type' }, 'p5');
    assert.equal(spentValue(pending, { transcript: [pending, wrongGrant] }), undefined);
  });

  test('a refresh token that rotation replaced is spent: reusing it would revoke the whole family', () => {
    const rotated = { ...legs.refresh, responseBody: '{"access_token":"x","refresh_token":"5Aep861new"}' };
    const spent = spentValue(rotated, alone(rotated));
    assert.equal(spent?.what, 'refresh token');
    assert.equal(spent?.fresh, undefined);
    assert.match(spent?.detail ?? '', /revoking the whole family/);
    const kept = { ...legs.refresh, responseBody: '{"access_token":"x"}' };
    assert.equal(spentValue(kept, alone(kept)), undefined, 'rotation off: the refresh token still works');
  });

  test('a token revoked by this request is spent: its copy can only be refused now', () => {
    const revoked = { ...legs.revoke, status: 200 };
    const spent = spentValue(revoked, alone(revoked));
    assert.equal(spent?.what, 'token (revoked)');
    assert.equal(spent?.fresh, undefined);
    assert.match(spent?.detail ?? '', /refused \(invalid_token, HTTP 400\)/);
    const refused = { ...legs.revoke, status: 400 };
    assert.equal(spentValue(refused, alone(refused)), undefined, 'a refused revoke revoked nothing');
  });

  test('reusable requests are never spent', () => {
    for (const leg of [legs.query, legs.refresh, legs.clientCredentialsBasic, legs.identity])
      assert.equal(spentValue(leg, alone(leg)), undefined, leg.leg);
  });

  test('a new assertion keeps iss, sub and aud, expires 3 minutes from now, and is signed with the given key', () => {
    const privateKey = createPrivateKey(otherKey());
    const publicKey = createPublicKey(privateKey);
    const nowMs = Date.UTC(2026, 10, 25, 12, 0, 0);
    const renewed = withNewAssertion(legs.jwtExchange, privateKey, nowMs, 'https://unused.example');
    const form = new URLSearchParams(renewed.entry.requestBody);
    assert.equal(form.get('grant_type'), 'urn:ietf:params:oauth:grant-type:jwt-bearer');
    const claims = readJwt(form.get('assertion') ?? '')?.claims;
    assert.equal(claims?.iss, legs.CLIENT_ID);
    assert.equal(claims?.sub, 'admin@playground.local');
    assert.equal(claims?.aud, legs.LOGIN);
    assert.equal(claims?.exp, nowMs / 1000 + 180);
    assert.equal(renewed.expiresAt, '2026-11-25T12:03:00.000Z');
    assert.notEqual(form.get('assertion'), legs.ASSERTION);
    const [header, payload, signature] = (form.get('assertion') ?? '').split('.');
    const signed = Buffer.from(`${header}.${payload}`);
    assert.ok(
      verify('RSA-SHA256', signed, publicKey, Buffer.from(signature, 'base64url')),
      'signed with the key',
    );
  });

  test('a new assertion for one the "break it" switch sent to a wrong aud is for this app\'s own audience', () => {
    const assertion = `${legs.jwtPart({ alg: 'RS256' })}.${legs.jwtPart({ iss: legs.CLIENT_ID, sub: 'admin@playground.local', aud: WRONG_AUDIENCE })}.c2ln`;
    const body = new URLSearchParams({ grant_type: JWT_GRANT_TYPE, assertion }).toString();
    const entry = { ...legs.jwtExchange, requestBody: body };
    const renewed = withNewAssertion(entry, createPrivateKey(otherKey()), Date.now(), legs.LOGIN);
    const claims = readJwt(new URLSearchParams(renewed.entry.requestBody).get('assertion') ?? '')?.claims;
    assert.equal(claims?.aud, legs.LOGIN);
  });

  test('a new device code replaces the old one in the same poll', () => {
    const renewed = withNewDeviceCode(legs.devicePoll(200, {}), 'NEWCODE');
    assert.equal(renewed.requestBody, `grant_type=device&client_id=${legs.CLIENT_ID}&code=NEWCODE`);
  });
});
