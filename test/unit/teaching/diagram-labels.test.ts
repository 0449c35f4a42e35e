// The diagram's labels say what the attempt did: where it sent a request, what a break-it switch left out or changed.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import type { Attempt, Fault, FlowName, TranscriptEntry } from '../../../server/attempts/attempt.ts';
import { diagramSteps as stepsWith } from '../../../server/teaching/diagram.ts';

/** The diagram with the app's own key file, as `npm start` names it. */
const diagramSteps = (attempt: Attempt) => stepsWith(attempt, { jwtKeyFile: 'certs/jwt.key' });

/** One call in an attempt's transcript, as the flows record it. */
const call = (leg: string, url: string, status = 200): TranscriptEntry => ({
  id: leg,
  at: 0,
  kind: 'server-call',
  leg,
  method: 'GET',
  url,
  requestHeaders: {},
  status,
});

/** The labels of an attempt's diagram, for a flow with these switches armed and these legs recorded. */
const labels = (flow: FlowName, faults: Fault[] = [], transcript: TranscriptEntry[] = []): string[] =>
  diagramSteps({ id: 'a', flow, startedAt: 0, checks: [], faults, transcript } satisfies Attempt).map(
    (step) => step.label,
  );

describe('diagram labels', () => {
  test("the JWT bearer token request names grant_type's whole value, which Salesforce needs word for word", () => {
    const sent = labels('jwt').find((label) => label.startsWith('POST /services/oauth2/token'));
    assert.match(sent ?? '', /grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer and the assertion/);
  });

  test('client credentials names the host its token request went to', () => {
    const toLoginHost = [call('token', 'https://localhost:8443/services/oauth2/token', 400)];
    const [, sent] = labels('client-credentials', ['login-host'], toLoginHost);
    assert.match(sent, /^POST \/services\/oauth2\/token on the login host \(localhost:8443\) with/);
    assert.doesNotMatch(sent, /My Domain/);
    const toMyDomain = [call('token', 'https://127.0.0.1:8443/services/oauth2/token')];
    assert.match(labels('client-credentials', [], toMyDomain)[1], /on My Domain \(127\.0\.0\.1:8443\) with/);
    assert.match(labels('client-credentials')[1], /on My Domain with grant_type=client_credentials/);
    // Drawn where it went: My Domain is the org's own host (the instance), the login host only when sent there.
    const lanes = (faults: Fault[], transcript: TranscriptEntry[]) =>
      diagramSteps({ id: 'a', flow: 'client-credentials', startedAt: 0, checks: [], faults, transcript })[1]
        .to;
    assert.equal(lanes([], toMyDomain), 'Salesforce instance');
    assert.equal(lanes(['login-host'], toLoginHost), 'Salesforce login');
  });

  test("JWT: an assertion signed with a throwaway key does not claim the app's key", () => {
    const [, signed] = labels('jwt', ['other-key']);
    assert.match(signed, /with a throwaway key, not certs\/jwt\.key/);
    assert.doesNotMatch(signed, /with certs\/jwt\.key/);
    // SF_JWT_KEY_FILE's key is named as set, not the default's.
    const ownKey = stepsWith(
      { id: 'a', flow: 'jwt', startedAt: 0, checks: [], faults: [], transcript: [] },
      { jwtKeyFile: '/home/me/keys/server.key' },
    )[1];
    assert.equal(
      ownKey?.label,
      'Sign the assertion (iss, sub, aud, exp) with /home/me/keys/server.key, RS256',
    );
    // A wrong aud or a past exp is still an assertion with those claims, signed with the app's key.
    for (const fault of ['wrong-aud', 'expired-exp'] as const) {
      assert.equal(
        labels('jwt', [fault])[1],
        'Sign the assertion (iss, sub, aud, exp) with certs/jwt.key, RS256',
      );
    }
  });

  test('web server: the labels say which half of PKCE each switch left out', () => {
    const full = labels('web-server');
    assert.equal(full[0], 'Redirect to /services/oauth2/authorize with state and code_challenge');
    assert.equal(full[4], 'POST /services/oauth2/token with the code and code_verifier');
    for (const fault of ['no-pkce', 'require-pkce'] as const) {
      const [authorize, , , callback, exchange] = labels('web-server', [fault]);
      assert.equal(authorize, 'Redirect to /services/oauth2/authorize with state, without code_challenge');
      assert.equal(
        callback,
        'GET /oauthcallback.html: check state (PKCE left out on purpose: nothing to recompute)',
      );
      assert.equal(exchange, 'POST /services/oauth2/token with the code, without code_verifier');
    }
    // missing-verifier sends the challenge, and leaves the verifier out of the exchange.
    const [authorize, , , callback, exchange] = labels('web-server', ['missing-verifier']);
    assert.match(authorize, /with state and code_challenge$/);
    assert.doesNotMatch(callback, /recompute the PKCE challenge/);
    assert.match(exchange, /without code_verifier$/);
  });

  test('the API step names only the calls the attempt made, and where the identity URL is', () => {
    const identity = call('identity', 'https://localhost:8443/id/00D000000000001AAA/005000000000001AAA');
    const query = call('query', 'https://127.0.0.1:8443/services/data/v66.0/query?q=SELECT+Id+FROM+Account');
    const versions = call('versions', 'https://127.0.0.1:8443/services/data/');
    const apiStep = (transcript: TranscriptEntry[]) => labels('jwt', [], transcript).at(-1);
    // The versions list read at an earlier sign-in (kept a day) is not called again.
    assert.equal(
      apiStep([identity, query]),
      'GET the identity URL (on localhost:8443) and the query with the Bearer token',
    );
    assert.equal(
      apiStep([identity, versions, query]),
      'GET the identity URL (on localhost:8443) and the query with the Bearer token, and /services/data/ (the API versions: no token needed)',
    );
    assert.equal(apiStep([query]), 'GET the query with the Bearer token');
    // Nothing called yet: what the result page will ask.
    assert.equal(apiStep([]), 'GET the identity URL and the query with the Bearer token');
  });
  test('the refresh and password exchanges say what a switch left out or spoilt', () => {
    const refresh = (body: string) => [
      { ...call('token (refresh)', 'https://x/services/oauth2/token'), requestBody: body },
    ];
    assert.match(
      labels('refresh-token', ['no-secret'], refresh('grant_type=refresh_token'))[1],
      /, without the client secret$/,
    );
    assert.match(
      labels('refresh-token', [], refresh('grant_type=refresh_token&client_secret=s'))[1],
      / and the client secret$/,
    );
    assert.match(labels('refresh-token', ['wrong-secret'])[1], / and a wrong client secret$/);
    assert.match(
      labels('username-password', ['no-security-token'])[1],
      /the password without its security token/,
    );
    assert.match(labels('username-password', ['wrong-password'])[1], /a wrong password/);
    assert.match(labels('username-password')[1], /the password \+ security token/);
  });
  test('an error that came back through the callback is named as such, not as a code or a token', () => {
    const ended = (
      flow: FlowName,
      source: 'redirect' | 'fragment',
      error = 'access_denied',
      callback = true,
    ) =>
      diagramSteps({
        id: 'a',
        flow,
        startedAt: 0,
        checks: [],
        faults: [],
        transcript: callback
          ? [
              {
                ...call(
                  'callback',
                  `https://localhost:8081/oauthcallback.html${source === 'fragment' ? '#' : '?'}error=${error}`,
                ),
                kind: 'callback',
              },
            ]
          : [],
        ok: false,
        error: { error, error_description: error, source },
      }).map((step) => step.label);
    const [, login, redirect, callback] = ended('web-server', 'redirect');
    assert.equal(login, 'Log in, then Deny');
    assert.equal(redirect, 'Redirect to the callback with ?error and state');
    assert.match(callback, /check state \(an error came back: no code to exchange\)$/);
    const [, , fragment, posted] = ended('user-agent', 'fragment');
    assert.equal(fragment, 'Redirect to the callback with the error in the #fragment');
    assert.match(posted, /check state \(an error came back/);
    // Refused before any login page (PKCE required, the flow blocked), and sent back to the callback.
    assert.equal(
      ended('web-server', 'redirect', 'invalid_request')[1],
      'Salesforce refused the request at authorize, before any login page',
    );
    // Stopped by the pre-flight: nothing came back to the callback, so its steps keep their usual words.
    const [, stopped, notBack] = ended('web-server', 'redirect', 'invalid_request', false);
    assert.equal(stopped, 'Log in and Allow');
    assert.equal(notBack, 'Redirect to the callback with ?code and state');
  });

  test('a public client armed to send a wrong secret is shown sending none, as it did', () => {
    const sent = [
      {
        ...call('token (refresh)', 'https://x/services/oauth2/token'),
        requestBody: 'grant_type=refresh_token',
      },
    ];
    assert.match(labels('refresh-token', ['wrong-secret'], sent)[1], /, without the client secret$/);
  });
  test('the steps that send a request name what it carried: response_type, grant_type, the secret and how', () => {
    const authorize = call(
      'authorize',
      'https://localhost:8443/services/oauth2/authorize?response_type=token+id_token&state=s&nonce=n',
    );
    assert.equal(
      labels('user-agent', [], [authorize])[0],
      'Redirect to /services/oauth2/authorize (response_type=token id_token) with state and nonce',
    );
    const poll = {
      ...call('token (poll)', 'https://x/services/oauth2/token', 400),
      requestBody: 'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&code=c',
    };
    assert.match(
      labels('device', ['rfc-grant-type'], [poll])[2],
      /grant_type=urn:ietf:params:oauth:grant-type:device_code/,
    );
    assert.match(labels('device', ['poll-too-fast'])[2], /sooner than interval on purpose/);
    // slow_down is RFC 8628's answer; a real org's is unconfirmed: the label does not promise one.
    assert.match(labels('device', ['poll-too-fast'])[2], /\(RFC 8628 answers slow_down\)/);
    const token = (body: string) => [
      { ...call('token', 'https://x/services/oauth2/token', 400), requestBody: body },
    ];
    assert.match(
      labels('web-server', ['require-secret'], token('grant_type=authorization_code&code=c'))[4],
      /, no client secret$/,
    );
    assert.match(
      labels(
        'client-credentials',
        ['wrong-secret'],
        token('grant_type=client_credentials&client_secret=x'),
      )[1],
      /id and a wrong secret, in the form$/,
    );
  });
  test('a reloaded callback that carried an error keeps its words; other answers are named; an armed grant_type too', () => {
    const ended = (flow: FlowName, url: string, error: string, source: 'app' | 'fragment') =>
      diagramSteps({
        id: 'a',
        flow,
        startedAt: 0,
        checks: [],
        faults: [],
        transcript: [{ ...call('callback', url), kind: 'callback' }],
        ok: false,
        error: { error, error_description: error, source },
      }).map((step) => step.label);
    const replayed = ended(
      'web-server',
      'https://localhost:8081/oauthcallback.html?error=access_denied&state=s',
      'callback_replayed',
      'app',
    );
    assert.equal(replayed[1], 'Log in, then Deny');
    assert.equal(replayed[2], 'Redirect to the callback with ?error and state');
    const other = ended(
      'user-agent',
      'https://localhost:8081/oauthcallback.html#error=invalid_app_access',
      'invalid_app_access',
      'fragment',
    );
    assert.equal(other[1], 'Log in (Salesforce answered invalid_app_access)');
    assert.match(
      labels('device', ['rfc-grant-type'])[2],
      /grant_type=urn:ietf:params:oauth:grant-type:device_code/,
    );
  });

  test('a replayed code shows both exchanges: the first that worked, and the second', () => {
    const tokenUrl = 'https://localhost:8443/services/oauth2/token';
    const legs = [call('token', tokenUrl), call('token (replayed code)', tokenUrl, 400)];
    assert.match(
      labels('web-server', ['replay-code'], legs)[4],
      /^POST \/services\/oauth2\/token with the code and code_verifier.* \(answered 200\), then the same code again \(answered 400\)$/,
    );
    // Before the second exchange the label is the plain one.
    assert.doesNotMatch(labels('web-server', ['replay-code'], legs.slice(0, 1))[4], /answered|again/);
  });

  test('an empty error in the callback is no error: the redirect step does not claim one came back', () => {
    const legs = [call('callback', 'https://localhost:8081/oauthcallback.html?error=&state=s')];
    const shown = labels('web-server', [], legs).join('\n');
    assert.doesNotMatch(shown, /\?error|an error came back|Salesforce answered/);
  });
});
