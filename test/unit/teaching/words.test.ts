// The words of the transcript and the decoded tokens: masked values readable, JSON laid out the same revealed or
// not, the response headers that teach, every time claim as a date, each claim explained for its kind of token.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import type { TranscriptEntry } from '../../../server/attempts/attempt.ts';
import { keptResponseHeaders } from '../../../server/attempts/responseHeaders.ts';
import { decodeJwt } from '../../../server/teaching/decode.ts';
import { legNames } from '../../../server/teaching/legNames.ts';
import { entryView } from '../../../server/teaching/transcript.ts';

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: object) => `${part({ alg: 'RS256' })}.${part(claims)}.c2ln`;

const tokenLeg: TranscriptEntry = {
  id: 'e1',
  at: 0,
  kind: 'server-call',
  leg: 'token',
  method: 'POST',
  url: 'https://localhost:8443/services/oauth2/token',
  requestHeaders: { accept: 'application/json' },
  requestBody: 'grant_type=refresh_token&refresh_token=5Aep861TheRefreshTokenValue',
  status: 200,
  responseHeaders: {
    date: 'Tue, 25 Nov 2026 12:00:00 GMT',
    'content-type': 'application/json;charset=UTF-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'self'",
    'strict-transport-security': 'max-age=31536000',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'SAMEORIGIN',
    'set-cookie': 'sid=secret',
  },
  responseBody: '{"access_token":"00D5j00000PlAyG!ARaccesstoken","instance_url":"https://127.0.0.1:8443"}',
};

describe('the words of the transcript', () => {
  test('masked values in a form body read as masked, not percent-encoded', () => {
    const view = entryView(tokenLeg, []);
    assert.equal(view.requestBody, 'grant_type=refresh_token&refresh_token=5Aep…•••••• (27 chars)');
    assert.deepEqual(
      view.params.map((param) => [param.name, param.value]),
      [
        ['grant_type', 'refresh_token'],
        ['refresh_token', '5Aep…•••••• (27 chars)'],
      ],
    );
  });

  test('a JSON body is pretty-printed the same way masked and revealed', () => {
    const masked = entryView(tokenLeg, []).responseBody ?? '';
    const revealed = entryView(tokenLeg, [], { reveal: true }).responseBody ?? '';
    assert.equal(revealed, JSON.stringify(JSON.parse(tokenLeg.responseBody ?? ''), null, 2));
    assert.deepEqual(
      masked.split('\n').map((line) => line.replace(/: .*/, '')),
      revealed.split('\n').map((line) => line.replace(/: .*/, '')),
    );
  });

  test('only the response headers that teach are listed; the security headers are counted, cookies dropped', () => {
    const view = entryView(tokenLeg, []);
    assert.deepEqual(view.responseHeaders, [
      ['date', 'Tue, 25 Nov 2026 12:00:00 GMT'],
      ['content-type', 'application/json;charset=UTF-8'],
      ['cache-control', 'no-store'],
    ]);
    assert.equal(view.otherResponseHeaders, 4);
  });

  test('a leg keeps only the headers that teach and the number of the others, and reads as one that kept all', () => {
    const kept = keptResponseHeaders(tokenLeg.responseHeaders ?? {});
    assert.deepEqual(Object.keys(kept.responseHeaders ?? {}), ['date', 'content-type', 'cache-control']);
    assert.equal(kept.otherResponseHeaders, 4);
    const recorded = { ...tokenLeg, ...kept };
    assert.deepEqual(entryView(recorded, []), entryView(tokenLeg, []));
  });

  test("a device flow's parameters are explained as the device flow's, not the web server flow's", () => {
    const leg = (requestBody: string): TranscriptEntry => ({ ...tokenLeg, requestBody, responseBody: '{}' });
    const help = (entry: TranscriptEntry, name: string) =>
      entryView(entry, []).params.find((param) => param.name === name)?.help ?? '';
    assert.match(
      help(leg('grant_type=device&client_id=k&code=M01WRzlQ'), 'code'),
      /device flow poll.*device_code/,
    );
    assert.match(help(leg('response_type=device_code&client_id=k'), 'response_type'), /device_code/);
    assert.match(help(leg('token=00Dx!AR&token_type_hint=access_token'), 'token'), /introspect/);
  });

  test('legs get names of their own, numbered when a leg repeats', () => {
    assert.deepEqual(
      legNames([
        { leg: 'authorize', kind: 'redirect' },
        { leg: 'callback', kind: 'callback' },
        { leg: 'token (poll)', kind: 'server-call' },
        { leg: 'token (poll)', kind: 'server-call' },
        { leg: 'query', kind: 'server-call' },
      ]),
      ['authorize redirect', 'callback', 'token (poll) request 1', 'token (poll) request 2', 'query request'],
    );
  });
});

describe('decoded tokens', () => {
  const times = { iat: 1795620688, exp: 1795620868 };

  test('iat gets a date like exp; exp also gives the countdown', () => {
    const decoded = decodeJwt(jwt({ iss: 'x', ...times }), 'assertion');
    const claim = (name: string) => decoded?.claims.find((c) => c.name === name);
    assert.equal(claim('iat')?.date, '2026-11-25T15:31:28.000Z');
    assert.equal(claim('exp')?.date, '2026-11-25T15:34:28.000Z');
    assert.equal(claim('iss')?.date, undefined);
    assert.equal(decoded?.exp, times.exp);
  });

  test('an id_token’s claims mean what they mean in an id_token, not in an assertion', () => {
    const claims = {
      iss: 'https://login.salesforce.com',
      aud: '3MVG9Key',
      sub: 'https://x/id/00D/005',
      ...times,
    };
    const meaning = (kind: 'assertion' | 'id_token', name: string) =>
      decodeJwt(jwt(claims), kind)?.claims.find((c) => c.name === name)?.meaning ?? '';
    for (const name of ['iss', 'sub', 'aud', 'exp', 'iat'])
      assert.notEqual(meaning('id_token', name), meaning('assertion', name), name);
    assert.match(meaning('id_token', 'aud'), /consumer key of the app the id_token was issued to/);
    assert.doesNotMatch(meaning('id_token', 'exp'), /3 minutes/);
    assert.doesNotMatch(meaning('id_token', 'aud'), /test\.salesforce\.com/);
    assert.match(meaning('assertion', 'exp'), /within 3 minutes/);
    assert.match(meaning('assertion', 'aud'), /https:\/\/test\.salesforce\.com for a sandbox/);
  });
});
