// No secret survives in anything the teaching layer renders: transcript views, curl commands, the panel's HTML.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import ejs from 'ejs';
import { loadConfig } from '../../../server/config.ts';
import type { Attempt } from '../../../server/attempts/attempt.ts';
import { teachingHelpers } from '../../../server/teaching/index.ts';
import { maskUrl, scrub } from '../../../server/teaching/mask.ts';
import { entryView, secretsOf } from '../../../server/teaching/transcript.ts';

const config = loadConfig({ SF_CLIENT_SECRET: 'Sup3rS3cretConsumerValue' }, '/tmp');
const SECRETS = {
  access: '00D5j00000PlAyG!ARsecretaccesstokenvalue1234567890',
  refresh: '5Aep861secretrefreshtokenvalue==',
  code: 'aPrxSecretCodeValue+/abc==',
  verifier: 'VerifierSecretValue_abcdefghijklmnop',
  signatureB64: 'SIGNATUREsecretHmacValue1234567890abcdef0=',
  assertionSig: 'AssertionSignaturePartSecret123456',
  secret: 'Sup3rS3cretConsumerValue',
};
const jwtPart = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const assertion = `${jwtPart({ alg: 'RS256' })}.${jwtPart({ iss: 'x', sub: 'me@x.com', aud: 'https://login.salesforce.com', exp: 1 })}.${SECRETS.assertionSig}`;

function attemptWithSecrets(): Attempt {
  const tokenBody = JSON.stringify({
    access_token: SECRETS.access,
    refresh_token: SECRETS.refresh,
    signature: SECRETS.signatureB64,
    id: 'https://x/id/1/2',
    issued_at: '1',
  });
  return {
    id: 'a1',
    flow: 'web-server',
    startedAt: 0,
    checks: [],
    faults: [],
    assertion,
    transcript: [
      {
        id: 'e1',
        at: 0,
        kind: 'callback',
        leg: 'callback',
        method: 'GET',
        url: `https://localhost:8081/oauthcallback.html?code=${encodeURIComponent(SECRETS.code)}&state=s`,
        requestHeaders: {},
      },
      {
        id: 'e2',
        at: 0,
        kind: 'server-call',
        leg: 'token',
        method: 'POST',
        url: 'https://localhost:8443/services/oauth2/token',
        requestHeaders: { 'content-type': 'application/x-www-form-urlencoded' },
        requestBody: new URLSearchParams({
          grant_type: 'authorization_code',
          code: SECRETS.code,
          client_secret: SECRETS.secret,
          code_verifier: SECRETS.verifier,
        }).toString(),
        status: 200,
        responseHeaders: { 'content-type': 'application/json' },
        responseBody: tokenBody,
      },
      {
        id: 'e3',
        at: 0,
        kind: 'server-call',
        leg: 'query',
        method: 'GET',
        url: 'https://localhost:8443/services/data/v66.0/query?q=SELECT+Id+FROM+Account',
        requestHeaders: { authorization: `Bearer ${SECRETS.access}` },
        status: 200,
        responseBody: '{"records":[]}',
      },
      {
        id: 'e4',
        at: 0,
        kind: 'server-call',
        leg: 'token',
        method: 'POST',
        url: 'https://localhost:8443/services/oauth2/token',
        requestHeaders: {},
        requestBody: new URLSearchParams({
          grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
          assertion,
        }).toString(),
        status: 400,
        responseBody: '{"error":"invalid_grant","error_description":"invalid assertion"}',
      },
    ],
    error: { error: 'invalid_grant', error_description: 'invalid assertion', status: 400, source: 'token' },
  };
}

function assertNoSecret(text: string, where: string): void {
  for (const [name, value] of Object.entries(SECRETS)) {
    for (const form of [
      value,
      encodeURIComponent(value),
      new URLSearchParams({ x: value }).toString().slice(2),
    ]) {
      assert.ok(!text.includes(form), `${name} survives in ${where}`);
    }
  }
}

describe('masking', () => {
  test('transcript views and curl commands keep no secret', () => {
    const attempt = attemptWithSecrets();
    const secrets = secretsOf(attempt, [config.clientSecret]);
    for (const entry of attempt.transcript) {
      const view = entryView(entry, secrets);
      assertNoSecret(JSON.stringify(view), `entry ${entry.id}`);
      if (view.curl) assertNoSecret(view.curl, `curl of ${entry.id}`);
    }
  });

  test('the rendered teaching panel keeps no secret, but shows the assertion claims', async () => {
    const html = await ejs.renderFile(path.resolve('views/partials/teaching/panel.ejs'), {
      attempt: attemptWithSecrets(),
      flow: 'jwt',
      teach: teachingHelpers(config),
      csrfToken: () => 'csrf',
      armedFaults: [],
    });
    assertNoSecret(html, 'the panel HTML');
    assert.match(html, /me@x\.com/);
    assert.match(html, /Salesforce could not verify the assertion/);
    assert.match(html, /Copy as curl/);
  });

  test('revealing gives the owner the raw values back', () => {
    const attempt = attemptWithSecrets();
    const view = entryView(attempt.transcript[1], [], true);
    assert.ok(view.requestBody?.includes(encodeURIComponent(SECRETS.verifier)));
  });

  test('maskUrl keeps the shape of the URL and scrub catches values in any encoding', () => {
    assert.equal(
      maskUrl('https://h/cb?state=abc&code=short'),
      'https://h/cb?state=abc&code=%E2%80%A2%E2%80%A2%E2%80%A2%E2%80%A2%E2%80%A2%E2%80%A2',
    );
    assert.ok(
      !scrub(`x=${encodeURIComponent(SECRETS.code)}`, [SECRETS.code]).includes(
        encodeURIComponent(SECRETS.code),
      ),
    );
  });
});
