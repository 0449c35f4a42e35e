// The diagram's step states: done, failed, not reached, before this attempt, or not seen by this app, from its legs
// and checks (see server/teaching/diagram.ts).
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import type { Attempt } from '../../../server/attempts/attempt.ts';
import { diagramSteps as stepsWith } from '../../../server/teaching/diagram.ts';

/** The diagram with the app's own key file, as `npm start` names it. */
const diagramSteps = (attempt: Attempt) => stepsWith(attempt, { jwtKeyFile: 'certs/jwt.key' });

describe('diagram states', () => {
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

  /** A web server login the user denied: Salesforce's answer, come back to the callback. */
  const DENIED = {
    flow: 'web-server',
    ok: false,
    error: { error: 'access_denied', error_description: 'end-user denied authorization', source: 'redirect' },
  } as const;

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
      ...DENIED,
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

  test('a token answer the app did not take fails its step: a failed check, or no keys for its id_token', () => {
    const check = (id: string, passed: boolean, performed?: boolean) => ({
      id,
      label: id,
      passed,
      performed,
      detail: '',
      why: '',
    });
    const states = (fields: Pick<Attempt, 'flow' | 'transcript'> & Partial<Attempt>) =>
      diagramSteps(attemptOf({ ok: false, ...fields })).map((step) => step.state);
    // JWT: Salesforce answered 200 with an instance_url the app does not trust.
    assert.deepEqual(
      states({
        flow: 'jwt',
        assertion: 'h.c.s',
        transcript: [serverCall('token', 'POST', 200)],
        checks: [check('hosts', false)],
      }),
      ['done', 'done', 'failed', 'not-reached'],
    );
    // Web server: the token came, the issuer's discovery did not, so its id_token went unchecked.
    const exchanged = [
      serverCall('authorize', 'GET', 302),
      { ...serverCall('callback', 'GET', 200), kind: 'callback' },
      serverCall('token', 'POST', 200),
      serverCall('discovery', 'GET', 503),
    ] as const;
    assert.deepEqual(
      states({
        flow: 'web-server',
        transcript: [...exchanged],
        checks: [check('state', true), check('pkce', true), check('id-token', false, false)],
      }).slice(4),
      ['failed', 'not-reached'],
    );
    // Discovery answered 200, but with a web page or without jwks_uri: no keys all the same, though no leg failed.
    assert.deepEqual(
      states({
        flow: 'web-server',
        transcript: [...exchanged.slice(0, 3), serverCall('discovery', 'GET', 200)],
        checks: [check('state', true), check('pkce', true), check('id-token', false, false)],
      }).slice(4),
      ['failed', 'not-reached'],
    );
    // User-agent: the fragment's tokens name a foreign host, checked at the callback.
    assert.deepEqual(
      states({
        flow: 'user-agent',
        transcript: [...exchanged.slice(0, 2)],
        checks: [check('state', true), check('hosts', false)],
      }).slice(3),
      ['failed', 'not-reached'],
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
    // Told to slow down: the polls came too soon, while the approval is still awaited.
    const slowDown = {
      ...poll(400),
      responseBody: '{"error":"slow_down","error_description":"polling too fast"}',
    };
    assert.deepEqual(device({ transcript: [poll(400), slowDown] }).slice(0, 3), [
      'done',
      'waiting',
      'failed',
    ]);
    // Still waiting (authorization_pending): the user's approval and the polls are both under way, neither done
    // (a "Done" poll beside a "Not reached" approval read as out of order).
    assert.deepEqual(device({ transcript: [poll(400), poll(400)] }).slice(0, 3), [
      'done',
      'waiting',
      'waiting',
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
      ...DENIED,
      transcript: [callback],
    });
    assert.deepEqual(
      diagramSteps(denied).map((step) => step.state),
      ['earlier', 'failed', 'done', 'not-reached', 'not-reached', 'not-reached'],
    );
  });

  test('an error that came back with a state this browser never sent: neither its login nor its redirect is seen; a replayed code was done', () => {
    const unsolicited = attemptOf({
      flow: 'user-agent',
      ok: false,
      error: {
        error: 'unsolicited_error',
        error_description: 'an error with a state never sent',
        source: 'app',
      },
      transcript: [
        {
          id: 'c1',
          at: 0,
          kind: 'callback',
          leg: 'callback',
          method: 'GET',
          url: 'https://localhost/oauthcallback.html#error=access_denied&state=never-sent',
          requestHeaders: {},
        },
      ],
    });
    assert.deepEqual(
      diagramSteps(unsolicited)
        .slice(0, 3)
        .map((step) => step.state),
      // Not "Done: Salesforce → Browser, redirect with the error": anyone can make such a link, as the card says.
      ['earlier', 'unseen', 'unseen'],
    );
    // The same callback with a code, come back again (Back, Reload): the login was done, before this attempt.
    const replayed = attemptOf({
      flow: 'web-server',
      ok: false,
      replay: true,
      error: { error: 'callback_replayed', error_description: 'already completed', source: 'app' },
      transcript: [
        { ...unsolicited.transcript[0], url: 'https://localhost/oauthcallback.html?code=aPrx&state=s1' },
      ],
    });
    assert.deepEqual(
      diagramSteps(replayed)
        .slice(0, 3)
        .map((step) => step.state),
      ['earlier', 'done', 'done'],
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
