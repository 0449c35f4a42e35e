// Snippets: the request read from a transcript leg, and spent single-use values with what a new attempt renews.
import assert from '../../support/assert.ts';
import { createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { describe, test } from 'node:test';
import { readJwt } from '../../../server/jwt.ts';
import { snippetContext } from '../../../server/teaching/snippets/context.ts';
import { withNewAssertion, withNewDeviceCode } from '../../../server/teaching/snippets/fresh.ts';
import { snippetSet } from '../../../server/teaching/snippets/index.ts';
import {
  legRequest,
  queryOf,
  queryRequest,
  secretsOfRequest,
} from '../../../server/teaching/snippets/request.ts';
import { spentValue } from '../../../server/teaching/snippets/spent.ts';
import * as legs from './snippet-fixtures.ts';
import { otherKey } from '../../support/assertion.ts';

// Reading a transcript leg into the request snippets repeat: each secret named by what it is in that request.
const variables = (entry: Parameters<typeof legRequest>[0]) =>
  secretsOfRequest(legRequest(entry)).map((secret) => secret.variable);

describe('the request behind a snippet', () => {
  test('each secret gets the variable of what it is: a device poll’s code is a device code, a hinted token its kind', () => {
    assert.deepEqual(variables(legs.codeExchange), ['SF_AUTH_CODE', 'SF_CLIENT_SECRET', 'SF_CODE_VERIFIER']);
    assert.deepEqual(variables(legs.devicePoll(200, {})), ['SF_DEVICE_CODE']);
    assert.deepEqual(variables(legs.query), ['SF_ACCESS_TOKEN']);
    assert.deepEqual(variables(legs.clientCredentialsBasic), ['SF_CLIENT_SECRET']);
    assert.deepEqual(variables(legs.revoke), ['SF_TOKEN']);
    const introspect = { ...legs.revoke, requestBody: 'token=5Aep861refresh&token_type_hint=refresh_token' };
    assert.deepEqual(variables(introspect), ['SF_REFRESH_TOKEN']);
    assert.deepEqual(variables(legs.preflight), []);
  });

  test('a value this app never kept has no value to reveal; client_id, username and redirect_uri are no secrets', () => {
    const request = legRequest(legs.passwordGrant);
    const password = secretsOfRequest(request).find((secret) => secret.variable === 'SF_PASSWORD');
    assert.equal(password?.value, undefined);
    assert.deepEqual(
      request.form?.filter((field) => typeof field.value === 'string').map((field) => field.name),
      ['grant_type', 'client_id', 'username'],
    );
  });

  test('the final token’s query is the query leg the result page runs, and reads back as one', () => {
    const request = queryRequest(legs.INSTANCE, '66.0', 'SELECT Id FROM Account', legs.TOKEN);
    assert.deepEqual(queryOf(request), {
      instanceUrl: legs.INSTANCE,
      version: '66.0',
      soql: 'SELECT Id FROM Account',
    });
    assert.equal(queryOf(legRequest(legs.identity)), undefined);
  });

  test('a set says whether it holds real values: never before Reveal, nor with a value never kept', () => {
    const context = snippetContext(
      {
        mode: 'emulator',
        certsDir: '/srv/app/certs',
        jwtKeyFile: '/srv/app/certs/jwt.key',
        loginUrl: 'https://localhost:8443',
      },
      true,
    );
    assert.deepEqual(context, { caFile: 'certs/server.crt', jwtKeyFile: 'certs/jwt.key', reveal: true });
    assert.equal(snippetSet(legRequest(legs.codeExchange), context).revealed, true);
    assert.equal(snippetSet(legRequest(legs.codeExchange), { ...context, reveal: false }).revealed, false);
    assert.equal(snippetSet(legRequest(legs.passwordGrant), context).revealed, false);
    // After Reveal only the password, never kept, is left to fill in: the copy's message names it alone.
    const password = snippetSet(legRequest(legs.passwordGrant), context);
    assert.deepEqual(password.unset, ['SF_PASSWORD']);
    assert.ok(password.variables.length > 1, password.variables.join(', '));
    assert.deepEqual(
      snippetSet(legRequest(legs.passwordGrant), { ...context, reveal: false }).unset,
      password.variables,
    );
    assert.deepEqual(snippetSet(legRequest(legs.codeExchange), context).unset, []);
    assert.equal(
      snippetSet(legRequest(legs.preflight), { ...context, reveal: false }).revealed,
      true,
      'nothing to hide',
    );
  });

  test('a key outside the playground folder is named by its full path; a real org has no certificate to trust', () => {
    const org = { mode: 'org' as const, certsDir: '/srv/app/certs', jwtKeyFile: '/keys/jwt.key' };
    const context = snippetContext({ ...org, loginUrl: 'https://login.salesforce.com' }, false);
    assert.deepEqual(context, { caFile: undefined, jwtKeyFile: '/keys/jwt.key', reveal: false });
    // Org mode pointed at `npm run emulator` on this machine trusts the same local certificate.
    const local = snippetContext({ ...org, loginUrl: 'https://localhost:8443' }, false);
    assert.equal(local.caFile, 'certs/server.crt');
  });

  test('every tool is listed for every request, with the reason where it has no snippet', () => {
    const set = snippetSet(legRequest(legs.preflight), { ...legs.EMULATOR, reveal: false });
    assert.deepEqual(
      set.snippets.map(({ target, label, unavailable }) => [target, label, unavailable ?? 'written']),
      [
        ['curl', 'curl', 'written'],
        ['jsforce', 'jsforce', 'jsforce makes no call like this one: a browser sends it.'],
        ['sf', 'sf CLI', 'The Salesforce CLI has no command that sends this request.'],
        ['python', 'Python', 'written'],
      ],
    );
  });
});

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

  test('a sent assertion is spent, says when it expires, and can be signed anew', () => {
    const spent = spentValue(legs.jwtExchange, alone(legs.jwtExchange));
    assert.equal(spent?.fresh, 'assertion');
    assert.match(spent?.detail ?? '', /expires at 2026-11-25T15:34:28\.000Z/);
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
    const renewed = withNewAssertion(legs.jwtExchange, privateKey, nowMs);
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

  test('a new device code replaces the old one in the same poll', () => {
    const renewed = withNewDeviceCode(legs.devicePoll(200, {}), 'NEWCODE');
    assert.equal(renewed.requestBody, `grant_type=device&client_id=${legs.CLIENT_ID}&code=NEWCODE`);
  });
});
