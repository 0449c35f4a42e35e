// The error explainer: every known error has an entry, and the request decides between look-alike errors.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { contextOf, explain, explainCandidates, RULES } from '../../../server/teaching/explainer/explain.ts';
import { readPastedError } from '../../../server/teaching/explainer/pasted.ts';
import type { Attempt } from '../../../server/attempts/attempt.ts';

/** Every error string the emulator or the app can produce, and teaching.md's pain points. */
const KNOWN: [string, string][] = [
  ['invalid_grant', "user hasn't approved this consumer"],
  ['invalid_app_access', 'user is not admin approved to access this app'],
  ['invalid_client_id', 'client identifier invalid'],
  ['redirect_uri_mismatch', 'redirect_uri must match configuration'],
  ['invalid_grant', 'redirect_uri must match configuration'],
  ['invalid_grant', 'invalid assertion'],
  ['pem_error', 'no start line'],
  ['invalid_grant', 'audience is invalid'],
  ['invalid_grant', 'expired authorization code'],
  ['invalid_grant', 'authentication failure'],
  ['invalid_client', 'invalid client credentials'],
  ['invalid_grant', 'invalid code verifier'],
  ['invalid_grant', 'unexpected code verifier'],
  ['invalid_request', 'missing required code challenge'],
  ['invalid_grant', 'expired access/refresh token'],
  ['unsupported_grant_type', 'grant type not supported'],
  ['access_denied', 'end-user denied authorization'],
  ['invalid_scope', 'the requested scope is not allowed'],
  ['unsupported_response_type', 'response type not supported'],
  ['invalid_request', 'must use HTTP POST'],
  ['invalid_token', 'invalid token'],
  ['INVALID_SESSION_ID', 'Session expired or invalid'],
  ['INVALID_SESSION_ID', 'This session is not valid for use with the REST API'],
  ['MALFORMED_QUERY', 'unexpected token: FRM'],
  ['INVALID_FIELD', "No such column 'Foo'"],
  ['INVALID_TYPE', "sObject type 'Foo' is not supported."],
  ['NOT_FOUND', 'The requested resource does not exist'],
  ['MALFORMED_ID', 'bad id'],
  ['INVALID_QUERY_LOCATOR', 'invalid query locator'],
  ['Bad_OAuth_Token', 'HTTP 403'],
  ['state_mismatch', 'x'],
  ['signature_mismatch', 'x'],
  ['nonce_mismatch', 'x'],
  ['id_token_invalid', 'x'],
  ['network_error', 'no answer'],
  ['invalid_client', 'app must be installed into org'],
];

/** An attempt whose one leg is a token call with this form body and these headers. */
function withTokenCall(
  flow: Attempt['flow'],
  requestBody: string,
  requestHeaders: Record<string, string> = {},
): Attempt {
  return {
    id: 'a',
    flow,
    startedAt: 0,
    checks: [],
    faults: [],
    transcript: [
      {
        id: 't',
        at: 0,
        kind: 'server-call',
        leg: 'token',
        method: 'POST',
        url: 'u',
        requestHeaders,
        requestBody,
      },
    ],
  };
}

describe('error explainer', () => {
  test('has an explanation for every error the emulator and the app produce', () => {
    for (const [error, error_description] of KNOWN) {
      const explained = explain({ error, error_description }, { flow: 'web-server' });
      assert.ok(explained.known, `${error} / ${error_description} has no entry`);
      for (const field of [
        explained.title,
        explained.likelyMeaning,
        explained.howToFix,
        explained.whatNotToDo,
      ])
        assert.ok(field.length > 10);
    }
  });

  test('tells a JWT expiry, a spent device code and a reused code apart by the flow', () => {
    const error = { error: 'invalid_grant', error_description: 'expired authorization code' };
    assert.equal(explain(error, { flow: 'jwt', exp: 1_700_000_000_000 }).key, 'jwt-expired');
    assert.match(
      explain(error, { flow: 'jwt', exp: 1_700_000_000_000 }).detail ?? '',
      /looks like milliseconds/,
    );
    assert.equal(explain(error, { flow: 'web-server' }).key, 'code-expired');
    assert.equal(
      explain(error, { flow: 'device' }).key,
      'device-code-unknown',
      'no callback page in this flow',
    );
  });

  test('an untrusted instance_url host points first to SF_MY_DOMAIN, the usual cause with an org of its own host', () => {
    const explained = explain({ error: 'untrusted_host' }, { flow: 'web-server' });
    assert.equal(explained.key, 'untrusted-host');
    assert.match(
      explained.howToFix,
      /^If the host named is your org's own My Domain, set SF_MY_DOMAIN to it/,
    );
  });

  test('an expired or revoked session names the way back of every flow, client credentials included', () => {
    const explained = explain({ error: 'INVALID_SESSION_ID' }, { flow: 'client-credentials' });
    assert.equal(explained.key, 'session-invalid');
    assert.match(explained.howToFix, /^If you revoked it, sign in again\./);
    assert.match(explained.howToFix, /or ask again \(client credentials\)\.$/);
  });

  test('tells a missing secret from a wrong one by what was sent, HTTP Basic included, and a refresh apart', () => {
    const error = { error: 'invalid_client', error_description: 'invalid client credentials' };
    assert.equal(explain(error, { sentSecret: false }).key, 'secret-missing');
    assert.equal(explain(error, { sentSecret: true }).key, 'secret-wrong');
    const refresh = explain(error, { sentSecret: false, flow: 'refresh-token' });
    assert.equal(refresh.key, 'refresh-secret-missing');
    assert.match(refresh.howToFix, /Require Secret for Refresh Token Flow/);
    assert.doesNotMatch(refresh.howToFix, /PKCE/);
    const basic = withTokenCall('client-credentials', 'grant_type=client_credentials', {
      Authorization: 'Basic eDp5',
    });
    assert.equal(explain(error, contextOf(basic)).key, 'secret-wrong');
  });

  test('never shows the same callback URL twice as if it were a comparison', () => {
    const error = {
      error: 'redirect_uri_mismatch',
      error_description: 'redirect_uri must match configuration',
    };
    const url = 'https://localhost:8081/oauthcallback.html';
    assert.equal(
      explain(error, { redirectUri: url, configuredCallback: url }).detail,
      `Sent: ${url} (SF_CALLBACK_URL). Compare it, character by character, with the app's Callback URL list.`,
    );
    assert.equal(
      explain(error, { redirectUri: `${url}/`, configuredCallback: url }).detail,
      `Sent: ${url}/, though SF_CALLBACK_URL here is ${url}.`,
    );
  });

  test('a pasted error gets the cards of its exact description only, and the help page wordings are known', () => {
    const notRest = explainCandidates({
      error: 'INVALID_SESSION_ID',
      error_description: 'This session is not valid for use with the REST API',
    });
    assert.deepEqual(
      notRest.map((card) => card.key),
      ['session-not-rest'],
    );
    assert.equal(
      explainCandidates({ error: 'invalid_grant', error_description: 'Audience validation failed' })[0].key,
      'audience-help-page',
    );
    assert.equal(
      readPastedError('https://localhost:8081/cb?error=access-denied&state=x')?.error,
      'access_denied',
    );
  });

  test('reads the request from the attempt: the aud that was sent', () => {
    const claims = Buffer.from(
      JSON.stringify({ aud: 'https://acme.my.salesforce.com', sub: 'me@acme.com', exp: 1 }),
    ).toString('base64url');
    const attempt = withTokenCall('jwt', `grant_type=x&assertion=h.${claims}.s`);
    const explained = explain(
      { error: 'invalid_grant', error_description: 'audience is invalid' },
      contextOf(attempt),
    );
    assert.equal(explained.detail, "The assertion's aud was https://acme.my.salesforce.com.");
  });

  test('still guides on an unknown error', () => {
    const explained = explain({ error: 'mystery_condition', error_description: 'something new' });
    assert.equal(explained.known, false);
    assert.match(explained.title, /mystery_condition/);
  });

  test('errors pasted from SOAP logins and API access checks get their own explanation', () => {
    for (const [pasted, key] of [
      [
        'Error: INVALID_LOGIN: Invalid username, password, security token; or user locked out.',
        'soap-invalid-login',
      ],
      [
        'LOGIN_MUST_USE_SECURITY_TOKEN: Invalid username, password, security token; or user locked out.',
        'soap-needs-token',
      ],
      ['API_DISABLED_FOR_ORG: API is not enabled for this Organization or Partner', 'api-disabled-org'],
      ['API_CURRENTLY_DISABLED: API is disabled for this User', 'api-disabled-user'],
      ['INVALID_OPERATION_WITH_EXPIRED_PASSWORD: The users password has expired', 'expired-password'],
      ['[{"message":"INVALID_HEADER_TYPE","errorCode":"INVALID_AUTH_HEADER"}]', 'auth-header'],
    ]) {
      const error = readPastedError(pasted);
      assert.ok(error, pasted);
      assert.deepEqual(
        explainCandidates(error).map((explained) => explained.key),
        [key],
        pasted,
      );
    }
  });

  test('has unique keys', () => {
    assert.equal(new Set(RULES.map((rule) => rule.key)).size, RULES.length);
  });

  test('every App Manager path goes through the menu of the app: View, Edit or Manage, each to what it holds', () => {
    // View holds Manage Consumer Details; Edit the OAuth settings; Manage the policies, profiles and permission sets.
    const next: Record<string, RegExp> = {
      View: /^Manage Consumer Details/,
      Edit: /^(Use digital signatures|OAuth settings|Require secret|Selected OAuth Scopes)/,
      Manage: /^(Edit Policies|Manage Profiles)/,
    };
    let paths = 0;
    for (const rule of RULES) {
      const text = [rule.likelyMeaning, rule.howToFix, rule.whatNotToDo].join(' ');
      for (const [, step, after] of text.matchAll(
        /(?<!External Client )App Manager → your app → (\w+) → ([^.,;)]+)/g,
      )) {
        paths++;
        assert.ok(step in next, `${rule.key}: "${step}" is not in the menu of an app in App Manager`);
        assert.match(after, next[step], `${rule.key}: ${step} → ${after}`);
      }
      assert.doesNotMatch(
        text,
        /(?<!App Manager → your app → )\bManage → Edit Policies/,
        `${rule.key}: from where?`,
      );
    }
    assert.ok(paths >= 10, `only ${paths} App Manager paths found`);
  });

  test('an External Client App path goes through one of its tabs, as Salesforce names them', () => {
    let paths = 0;
    for (const rule of RULES) {
      const text = [rule.likelyMeaning, rule.howToFix, rule.whatNotToDo].join(' ');
      for (const [, tab, after] of text.matchAll(
        /External Client App Manager → your app → (\w+) → ([^.,;)]+)/g,
      )) {
        paths++;
        assert.ok(['Settings', 'Policies'].includes(tab), `${rule.key}: no tab named ${tab}`);
        if (tab === 'Settings') assert.match(after, /^OAuth Settings → Consumer Key and Secret$/, rule.key);
      }
    }
    assert.ok(paths >= 2, `only ${paths} External Client App paths found`);
  });
});
