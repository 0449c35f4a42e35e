// The error explainer's catalogue: every error the emulator or the app produces has an entry, keys are unique, an
// unknown error still gets guidance, and the Setup paths the entries give follow Salesforce's own menus and tabs.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { explain, RULES } from '../../../server/teaching/explainer/explain.ts';

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
  ['token_response_incomplete', 'the token response has no instance_url'],
  ['invalid_client', 'app must be installed into org'],
];

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

  test('still guides on an unknown error', () => {
    const explained = explain({ error: 'mystery_condition', error_description: 'something new' });
    assert.equal(explained.known, false);
    assert.match(explained.title, /mystery_condition/);
    // This app's own stop, unknown to the catalogue, is never told as Salesforce's words.
    const own = explain({ error: 'app_error', error_description: 'something broke', source: 'app' });
    assert.equal(own.known, false);
    assert.equal(own.title, 'This app stopped');
    // server_error comes back to the callback too (RFC 6749's stand-in for a 500), not only as a 5xx.
    assert.match(explain({ error: 'server_error' }).likelyMeaning, /sent back to the callback/);
    // Client credentials refused as authentication failure: the Run As user, not a password, is the cause.
    const runAs = explain(
      { error: 'invalid_grant', error_description: 'authentication failure' },
      { flow: 'client-credentials' },
    );
    assert.equal(runAs.key, 'client-credentials-run-as');
    assert.match(runAs.howToFix, /Client Credentials Flow → Run As/);
    // A refresh refused on a token issued moments ago: "sign in again" alone would loop; the policy is named.
    const refused = explain(
      { error: 'invalid_grant', error_description: 'expired access/refresh token' },
      { flow: 'refresh-token' },
    );
    assert.match(
      refused.howToFix,
      /"Immediately expire refresh token": set it to "Refresh token is valid until revoked"/,
    );
    assert.doesNotMatch(`${own.title} ${own.likelyMeaning}`, /Salesforce answered|Salesforce's own words/);
    // Not approved in the JWT flow: a self-authorized user's one approval counts too, so "pre-authorized" alone is wrong.
    const notApproved = explain(
      { error: 'invalid_grant', error_description: "user hasn't approved this consumer" },
      { flow: 'jwt' },
    );
    assert.doesNotMatch(notApproved.likelyMeaning, /only to a pre-authorized user/);
    assert.match(notApproved.likelyMeaning, /pre-authorized by an admin, or approved by the user once/);
    // A security token is needed outside both kinds of range: the org's trusted ones and the profile's login ones.
    const noToken = explain(
      { error: 'invalid_grant', error_description: 'authentication failure' },
      { flow: 'username-password', username: 'a@b.c', faults: ['no-security-token'] },
    );
    assert.match(noToken.detail ?? '', /org's trusted IP ranges and the profile's login IP ranges/);
    assert.doesNotMatch(noToken.detail ?? '', /profile's trusted IP ranges/);
    // Salesforce documents that client credentials need My Domain, not why: no reason is made up for it.
    const wrongHost = explain({
      error: 'invalid_grant',
      error_description: 'request not supported on this domain',
    });
    assert.doesNotMatch(wrongHost.likelyMeaning, /because/);
    // The uninstalled-app block spares users who authorized the app before (but not in the device flow).
    const uninstalled = explain({
      error: 'invalid_client',
      error_description: 'app must be installed into org',
    });
    assert.match(uninstalled.likelyMeaning, /users who never authorized it before/);
    const missing = explain({ error: 'password_missing' });
    assert.match(missing.howToFix, /trusted IP ranges or the profile's login IP ranges/);
  });

  test("a rule for one description is never behind its code's general rule (the first match wins)", () => {
    RULES.forEach((rule, i) => {
      if (rule.description === undefined) return;
      const general = RULES.slice(0, i).find(
        (earlier) =>
          earlier.error.toLowerCase() === rule.error.toLowerCase() &&
          earlier.description === undefined &&
          !earlier.when,
      );
      assert.equal(general?.key, undefined, `${rule.key} is never reached: ${general?.key} comes first`);
    });
    assert.equal(
      explain({
        error: 'JSON_PARSER_ERROR',
        error_description: 'A composite request can have at most 25 subrequests',
      }).key,
      'composite-shape',
    );
    // A PKCE mismatch under the code Salesforce documents (invalid_request) is read as one, not as any bad request.
    const documented = explain({ error: 'invalid_request', error_description: 'Invalid code verifier' });
    assert.equal(documented.title, 'The PKCE verifier does not match the challenge');
  });

  test('has unique keys', () => {
    assert.equal(new Set(RULES.map((rule) => rule.key)).size, RULES.length);
  });

  test('every App Manager path goes through the menu of the app: View, Edit or Manage, each to what it holds', () => {
    // View holds Manage Consumer Details; Edit the OAuth settings; Manage the policies, profiles and permission sets.
    const next: Record<string, RegExp> = {
      View: /^Manage Consumer Details/,
      Edit: /^(Use digital signatures|OAuth settings|Require [Ss]ecret|Selected OAuth Scopes)/,
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
