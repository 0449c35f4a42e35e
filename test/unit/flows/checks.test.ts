// The visible checks: PKCE, response signature, state, nonce, id_token signature, clock skew, diagram states.
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
import { diagramSteps } from '../../../server/teaching/diagram.ts';
import type { Attempt } from '../../../server/attempts/attempt.ts';
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
    assert.equal(clockSkewCheck(entry('Tue, 24 Nov 2026 10:05:00 GMT'))?.passed, false);
  });

  /** One call to Salesforce in an attempt's transcript, as the flows record it. */
  const serverCall = (leg: string, method: string, status: number) =>
    ({ id: leg, at: 0, kind: 'server-call', leg, method, url: 'u', requestHeaders: {}, status }) as const;

  /** An attempt of a flow with the given fields, nothing checked and nothing armed. */
  const attemptOf = (fields: Pick<Attempt, 'flow' | 'transcript'> & Partial<Attempt>): Attempt => ({
    id: 'a',
    startedAt: 0,
    checks: [],
    faults: [],
    ...fields,
  });

  test('marks diagram steps done, failed and not reached', () => {
    const attempt = attemptOf({
      flow: 'jwt',
      assertion: 'h.c.s',
      transcript: [serverCall('token', 'POST', 400)],
    });
    assert.deepEqual(
      diagramSteps(attempt).map((step) => step.state),
      ['done', 'done', 'failed', 'not-reached'],
    );
  });

  test('a Deny fails the login step, while the callback that carried it and its state check still happened', () => {
    const denied = attemptOf({
      flow: 'web-server',
      ok: false,
      error: {
        error: 'access_denied',
        error_description: 'end-user denied authorization',
        source: 'redirect',
      },
      transcript: [
        serverCall('authorize', 'GET', 302),
        { ...serverCall('callback', 'GET', 200), kind: 'callback' },
      ],
      checks: [{ id: 'state', label: 'state check', passed: true, detail: '', why: '' }],
    });
    assert.deepEqual(
      diagramSteps(denied).map((step) => step.state),
      ['done', 'failed', 'done', 'done', 'not-reached', 'not-reached'],
    );
  });

  test("the device flow's approval is known only from the polls' answers", () => {
    const poll = (status: number) => serverCall('token (poll)', 'POST', status);
    const device = ({ transcript = [], ...fields }: Partial<Attempt>) =>
      diagramSteps(
        attemptOf({
          flow: 'device',
          transcript: [serverCall('device authorization', 'POST', 200), ...transcript],
          ...fields,
        }),
      ).map((step) => step.state);
    const refused = (error: string) =>
      ({ ok: false, error: { error, error_description: error, source: 'token' } }) as const;
    // Told to slow down: the polls came too soon, while the approval has not come yet.
    const slowDown = {
      ...poll(400),
      responseBody: '{"error":"slow_down","error_description":"polling too fast"}',
    };
    assert.deepEqual(device({ transcript: [poll(400), slowDown] }).slice(0, 3), [
      'done',
      'not-reached',
      'failed',
    ]);
    // Still waiting (authorization_pending): the polls work, the approval has not come.
    assert.deepEqual(device({ transcript: [poll(400), poll(400)] }).slice(0, 3), [
      'done',
      'not-reached',
      'done',
    ]);
    assert.deepEqual(device({ transcript: [poll(400), poll(200)], ok: true }), [
      'done',
      'done',
      'done',
      'not-reached',
    ]);
    // Denied, or never approved in time: the approval failed, and the polls that brought the news did their job.
    assert.deepEqual(device({ transcript: [poll(400)], ...refused('access_denied') }).slice(0, 3), [
      'done',
      'failed',
      'done',
    ]);
    // A poll refused for its own sake (a wrong grant_type): the polls failed; the approval is not the app's to see.
    assert.deepEqual(device({ transcript: [poll(400)], ...refused('unsupported_grant_type') }).slice(0, 3), [
      'done',
      'unseen',
      'failed',
    ]);
  });

  test('an attempt that began at the callback: the redirect was before it; a Deny that came back fails', () => {
    const callback = {
      id: 'c1',
      at: 0,
      kind: 'callback',
      leg: 'callback',
      method: 'GET',
      url: 'https://localhost/cb',
      requestHeaders: {},
    } as const;
    const denied = attemptOf({
      flow: 'web-server',
      ok: false,
      error: {
        error: 'access_denied',
        error_description: 'end-user denied authorization',
        source: 'redirect',
      },
      transcript: [callback],
    });
    assert.deepEqual(
      diagramSteps(denied).map((step) => step.state),
      ['earlier', 'failed', 'done', 'not-reached', 'not-reached', 'not-reached'],
    );
  });

  test('a redirect flow the pre-flight stopped fails at its first step, not nowhere', () => {
    const refused = attemptOf({
      flow: 'web-server',
      ok: false,
      preflightRefused: 'callback',
      error: {
        error: 'invalid_request',
        error_description: 'missing required code challenge',
        source: 'redirect',
      },
      transcript: [serverCall('pre-flight', 'GET', 302)],
    });
    assert.deepEqual(
      diagramSteps(refused).map((step) => step.state),
      ['failed', 'not-reached', 'not-reached', 'not-reached', 'not-reached', 'not-reached'],
    );
    // Still under way (sent to the login page, nothing back yet): nothing has failed.
    const underWay = {
      ...refused,
      ok: undefined,
      error: undefined,
      preflightRefused: undefined,
      transcript: [],
    };
    assert.deepEqual(
      diagramSteps(underWay)
        .map((step) => step.state)
        .slice(0, 1),
      ['not-reached'],
    );
  });
});
