// The setup doctor's fixes that depend on the host: a refused consumer key at login.salesforce.com names sandboxes.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { noAnswerFix } from '../../../server/flows/doctorApi.ts';
import { clientFix } from '../../../server/flows/doctorClientFix.ts';
import { SalesforceError } from '../../../server/salesforce/errors.ts';

describe('setup doctor fixes', () => {
  const callbackUrl = 'https://localhost:8081/oauthcallback.html';

  test('an unknown consumer key at the generic login host names a sandbox as the likely cause', () => {
    const fix = clientFix(
      { error: 'invalid_client_id' },
      { callbackUrl, loginUrl: 'https://login.salesforce.com', scopes: 'api', mode: 'org', port: 8081 },
    );
    assert.match(fix, /^copy the Consumer Key again into SF_CLIENT_ID and restart the playground/);
    assert.match(fix, /SF_LOGIN_URL=https:\/\/test\.salesforce\.com/);
    // At a My Domain or the sandbox host itself, that cause cannot be it.
    for (const loginUrl of ['https://acme.my.salesforce.com', 'https://test.salesforce.com']) {
      assert.doesNotMatch(
        clientFix(
          { error: 'invalid_client_id' },
          { callbackUrl, loginUrl, scopes: 'api', mode: 'org', port: 8081 },
        ),
        /sandbox/,
      );
    }
  });

  test('a callback the app does not have is added exactly', () => {
    assert.equal(
      clientFix(
        { error: 'redirect_uri_mismatch' },
        { callbackUrl, loginUrl: 'https://login.salesforce.com', scopes: 'api', mode: 'org', port: 8081 },
      ),
      `add ${callbackUrl} to the app's Callback URLs, exactly`,
    );
    // The playground's own address under another name, or a tunnel's: registering it is the fix.
    for (const url of [
      'https://127.0.0.1:8081/oauthcallback.html',
      'https://abc.ngrok.app/oauthcallback.html',
    ]) {
      const fix = clientFix(
        { error: 'redirect_uri_mismatch' },
        {
          callbackUrl: url,
          loginUrl: 'https://login.salesforce.com',
          scopes: 'api',
          mode: 'org',
          port: 8081,
        },
      );
      assert.equal(fix, `add ${url} to the app's Callback URLs, exactly`);
    }
  });
  test('a refusal that is not about the key (a scope, an app not installed) gets its own fix, not "copy the key"', () => {
    const loginUrl = 'https://login.salesforce.com';
    const scopes = 'api refresh_token openid';
    const scope = clientFix(
      { error: 'invalid_scope', error_description: 'the requested scope is not allowed' },
      { callbackUrl, loginUrl, scopes, mode: 'org' as const, port: 8081 },
    );
    assert.equal(
      scope,
      `allow every scope the playground asks for (SF_SCOPES, now ${scopes}) among the app's Selected OAuth Scopes, or leave the ones it lacks out of SF_SCOPES and restart the playground`,
    );
    const notInstalled = clientFix(
      { error: 'OAUTH_EC_APP_NOT_FOUND' },
      { callbackUrl, loginUrl, scopes, mode: 'org' as const, port: 8081 },
    );
    assert.match(notInstalled, /^Install the app in the org you log in to/);
    for (const fix of [scope, notInstalled]) assert.doesNotMatch(fix, /Consumer Key|\.$/);
  });

  test('a host that gave no answer: trust, time or name first, as the error says, and the URL fix after', () => {
    const urlFix = 'SF_LOGIN_URL must be https://login.salesforce.com.';
    const failure = (code: string, description: string) =>
      new SalesforceError(code, description, 0, '', 'network');
    assert.match(
      noAnswerFix(failure('untrusted_certificate', 'self-signed certificate'), urlFix),
      /^this machine does not trust the host's certificate\..*NODE_EXTRA_CA_CERTS.*If the host name is wrong instead: SF_LOGIN_URL/,
    );
    assert.match(
      noAnswerFix(failure('timeout', 'no answer within 10 s'), urlFix),
      /^the host did not answer in time/,
    );
    assert.match(
      noAnswerFix(
        failure('network_error', 'no answer from https://logn.salesforce.com: getaddrinfo ENOTFOUND'),
        urlFix,
      ),
      /^the host name does not resolve: SF_LOGIN_URL must be/,
    );
    assert.match(
      noAnswerFix(
        failure('network_error', 'no answer from https://localhost:1: connect ECONNREFUSED'),
        urlFix,
      ),
      /^check that this machine reaches the host at all/,
    );
  });
});
