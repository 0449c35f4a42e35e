// The error explainer reads the request: the flow, what was sent (secret, aud, redirect_uri) and the host decide
// between look-alike errors and fill in the detail of an explanation.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { contextOf } from '../../../server/teaching/explainer/attemptContext.ts';
import { explain } from '../../../server/teaching/explainer/explain.ts';
import type { Attempt } from '../../../server/attempts/attempt.ts';

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
  test('a scope refused at authorize, or at the device authorization, is named as it was asked for', () => {
    const scope = 'api refresh_token openid';
    const authorize = withTokenCall('web-server', '');
    authorize.transcript = [
      {
        ...authorize.transcript[0],
        leg: 'authorize',
        method: 'GET',
        url: `https://login.salesforce.com/services/oauth2/authorize?${new URLSearchParams({ scope })}`,
      },
    ];
    const device = withTokenCall(
      'device',
      new URLSearchParams({ response_type: 'device_code', scope }).toString(),
    );
    device.transcript[0].leg = 'device authorization';
    for (const attempt of [authorize, device]) {
      const explained = explain({ error: 'invalid_scope' }, contextOf(attempt));
      assert.equal(
        explained.detail,
        `This login asked for scope=${scope}: each of these must be among the app's Selected OAuth Scopes.`,
      );
    }
  });

  test('an answer altered on the way (an id_token not bound to its token, no signature) blames no setting', () => {
    const cases: [string, string, string][] = [
      [
        'id_token_invalid',
        'at_hash is abc, not the hash of the access token it came with.',
        'id-token-unbound',
      ],
      ['id_token_invalid', 'Its alg is none, not RS256.', 'id-token-unbound'],
      ['id_token_invalid', 'The id_token is not a readable JWT.', 'id-token-unbound'],
      ['signature_mismatch', 'The response carries no signature and issued_at.', 'signature-missing'],
    ];
    for (const [code, description, key] of cases) {
      const explained = explain({ error: code, error_description: description });
      assert.equal(explained.key, key, description);
      assert.doesNotMatch(explained.howToFix, /SF_CLIENT_SECRET|SF_CLIENT_ID/, description);
    }
    // A signature or issuer that does not verify still points at the settings.
    assert.equal(
      explain({ error: 'id_token_invalid', error_description: 'Its signature does not verify.' }).key,
      'id-token-invalid',
    );
    // A signature that does not match: a secret that is not the app's comes first, with the setting and the restart.
    const mismatch = explain({
      error: 'signature_mismatch',
      error_description: 'The signature does not match.',
    });
    assert.match(mismatch.likelyMeaning, /Most often SF_CLIENT_SECRET is not this app's consumer secret/);
    assert.match(mismatch.howToFix, /into SF_CLIENT_SECRET again and restart the playground/);
  });

  test("a client credentials refusal of an admin-approved app names its Run As user, not the signed-in user's", () => {
    const error = {
      error: 'invalid_app_access',
      error_description: 'user is not admin approved to access this app',
    };
    const runAs = explain(error, { flow: 'client-credentials' });
    assert.equal(runAs.key, 'invalid-app-access-run-as');
    assert.match(runAs.howToFix, /External Client App, Policies → Permitted Users/);
    assert.equal(explain(error, { flow: 'web-server' }).key, 'invalid-app-access');
  });

  test('tells a JWT expiry, a spent device code and a reused code apart by the flow', () => {
    const error = { error: 'invalid_grant', error_description: 'expired authorization code' };
    assert.equal(explain(error, { flow: 'jwt', exp: 300 }).key, 'jwt-expired');
    // A duration sent as exp is 1970: expired. (Milliseconds lie far ahead, which Salesforce accepts: never this.)
    assert.match(
      explain(error, { flow: 'jwt', exp: 300 }).detail ?? '',
      /^exp was 300 \(1970-01-01T00:05:00\.000Z\): that is a duration, not a time in seconds since 1970\./,
    );
    assert.doesNotMatch(explain(error, { flow: 'jwt', exp: 1_700_000_000_000 }).detail ?? '', /duration/);
    // Refused by a clock: Salesforce's Date header against exp and against this machine's clock, which way it is off.
    const exp = Date.parse('2026-11-24T10:01:00Z') / 1000;
    const behind = explain(error, {
      flow: 'jwt',
      exp,
      serverDate: 'Tue, 24 Nov 2026 10:03:00 GMT',
      sentAtMs: Date.parse('2026-11-24T09:58:00Z'),
    }).detail;
    assert.match(
      behind ?? '',
      /Salesforce's clock \(its Date header\) read 2026-11-24T10:03:00\.000Z, 120 s after exp;/,
    );
    assert.match(
      behind ?? '',
      /this machine's clock is about 300 s behind Salesforce's: set it right \(NTP\)/,
    );
    const inStep = explain(error, {
      flow: 'jwt',
      exp,
      serverDate: 'Tue, 24 Nov 2026 10:06:00 GMT',
      sentAtMs: Date.parse('2026-11-24T10:06:00Z'),
    }).detail;
    assert.match(inStep ?? '', /300 s after exp; this machine's clock is in step with Salesforce's\.$/);
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
    assert.match(explained.howToFix, /^Use instance_url for every API call\./);
    assert.match(
      explained.howToFix,
      /or ask again \(client credentials\); when you revoked the refresh token/,
    );
  });

  test('tells a missing secret from a wrong one by what was sent, HTTP Basic included, and a refresh apart', () => {
    const error = { error: 'invalid_client', error_description: 'invalid client credentials' };
    assert.equal(explain(error, { sentSecret: false }).key, 'secret-missing');
    assert.equal(explain(error, { sentSecret: true }).key, 'secret-wrong');
    const refresh = explain(error, { sentSecret: false, flow: 'refresh-token' });
    assert.equal(refresh.key, 'refresh-secret-missing');
    assert.match(refresh.howToFix, /Require Secret for Refresh Token Flow/);
    assert.doesNotMatch(refresh.howToFix, /PKCE/);
    // Left out by a "break it" switch: the configuration is fine, and the explanation says so.
    assert.equal(refresh.detail, undefined);
    const onPurpose = explain(error, { sentSecret: false, flow: 'refresh-token', faults: ['no-secret'] });
    assert.match(
      onPurpose.detail ?? '',
      /left client_secret out on purpose .*SF_CLIENT_SECRET is fine as it is/,
    );
    const spoilt = explain(error, { sentSecret: true, flow: 'client-credentials', faults: ['wrong-secret'] });
    assert.match(spoilt.detail ?? '', /sent a spoilt secret on purpose/);
    const exchange = explain(error, { sentSecret: false, flow: 'web-server', faults: ['require-secret'] });
    assert.match(exchange.detail ?? '', /on purpose/);
    const basic = withTokenCall('client-credentials', 'grant_type=client_credentials', {
      Authorization: 'Basic eDp5',
    });
    assert.equal(explain(error, contextOf(basic)).key, 'secret-wrong');
    // A wrong secret or key is fixed in the setting that holds it, read at start: both are named, with the restart.
    const wrong = explain(error, { sentSecret: true, flow: 'web-server' });
    assert.match(wrong.howToFix, /into SF_CLIENT_SECRET/);
    assert.equal(wrong.restartAfter, true);
    const key = explain({ error: 'invalid_client_id', error_description: 'client identifier invalid' });
    assert.match(key.howToFix, /into SF_CLIENT_ID.*set SF_LOGIN_URL to the login host of the org that owns/);
    assert.equal(key.restartAfter, true);
    const domain = { error: 'invalid_grant', error_description: 'request not supported on this domain' };
    assert.equal(
      explain(domain, { flow: 'client-credentials' }).restartAfter,
      true,
      'SF_MY_DOMAIN, read at start',
    );
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

  test('a callback that follows PORT (SF_CALLBACK_URL not set) is said to, with the port as the fix', () => {
    const error = { error: 'redirect_uri_mismatch' };
    const url = 'https://localhost:9000/oauthcallback.html';
    const fromPort = { configuredCallback: url, callbackFromPort: true };
    const detail = explain(error, { redirectUri: url, ...fromPort }).detail;
    assert.ok(detail?.startsWith(`Sent: ${url}, the playground's own callback on its port (PORT;`));
    assert.match(detail ?? '', /start the playground with PORT set to that port/);
    assert.doesNotMatch(detail ?? '', /\(SF_CALLBACK_URL\)/);
    assert.equal(
      explain(error, { redirectUri: 'https://localhost:1/x', ...fromPort }).detail,
      `Sent: https://localhost:1/x, though this playground's callback (on its PORT, as SF_CALLBACK_URL is not set) is ${url}.`,
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
    // An unknown consumer key: the JWT's is its iss; a token form's is its client_id.
    const unknownKey = { error: 'invalid_client_id', error_description: 'client identifier invalid' };
    const jwtClaims = Buffer.from(JSON.stringify({ iss: '3MVGtypo', sub: 'me@acme.com' })).toString(
      'base64url',
    );
    assert.equal(
      explain(unknownKey, contextOf(withTokenCall('jwt', `assertion=h.${jwtClaims}.s`))).detail,
      "The assertion's iss (the consumer key) was 3MVGtypo.",
    );
    assert.equal(
      explain(
        unknownKey,
        contextOf(withTokenCall('client-credentials', 'grant_type=client_credentials&client_id=3MVGcc')),
      ).detail,
      'The request carried client_id=3MVGcc.',
    );
  });

  test('an invalid assertion after the local key check passed points at the certificate the app holds', () => {
    const explained = explain(
      { error: 'invalid_grant', error_description: 'invalid assertion' },
      { flow: 'jwt' },
    );
    assert.match(explained.howToFix, /certs\/jwt\.crt, which the setup guide offers to download/);
    assert.match(explained.howToFix, /when that check passes, the app holds another certificate/);
    assert.equal(explained.detail, undefined);
    const onPurpose = explain(
      { error: 'invalid_grant', error_description: 'invalid assertion' },
      { flow: 'jwt', faults: ['other-key'] },
    );
    assert.match(onPurpose.detail ?? '', /signed with a throwaway key on purpose/);
  });
  test("the emulator's uninstalled-app refusal names install, the permission and pre-authorization as fixes", () => {
    const explained = explain({
      error: 'OAUTH_APP_ACCESS_DENIED',
      error_description: 'this app is not installed in this org',
    });
    assert.equal(explained.key, 'app-not-installed-user');
    assert.match(explained.howToFix, /Approve Uninstalled Connected Apps/);
    assert.equal(explain({ error: 'OAUTH_APP_ACCESS_DENIED' }).key, 'app-access-denied');
  });
});
