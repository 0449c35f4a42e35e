// No secret survives in anything the teaching layer renders: transcript views, curl commands, the panel's HTML.
import assert from '../../support/assert.ts';
import path from 'node:path';
import { describe, test } from 'node:test';
import ejs from 'ejs';
import { loadConfig } from '../../../server/config.ts';
import type { Attempt } from '../../../server/attempts/attempt.ts';
import { teachingHelpers } from '../../../server/teaching/index.ts';
import { maskUrl, scrub } from '../../../server/teaching/mask.ts';
import { openedLeg } from '../../../server/teaching/panel.ts';
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
  deviceCode: 'M0DeviceCodeSecretValue.abcdefghij',
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
      {
        id: 'e5',
        at: 0,
        kind: 'server-call',
        leg: 'device authorization',
        method: 'POST',
        url: 'https://localhost:8443/services/oauth2/token',
        requestHeaders: { 'content-type': 'application/x-www-form-urlencoded' },
        requestBody: 'response_type=device_code&client_id=3MVG9x',
        status: 200,
        // Before any poll has sent it, the device code is in this answer alone.
        responseBody: JSON.stringify({ device_code: SECRETS.deviceCode, user_code: 'ABCD1234', interval: 5 }),
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
  test('transcript views and their snippets keep no secret before Reveal', () => {
    const attempt = attemptWithSecrets();
    const secrets = secretsOf(attempt, [config.clientSecret]);
    const snippets = { caFile: 'certs/server.crt', jwtKeyFile: 'certs/jwt.key' };
    let written = 0;
    for (const entry of attempt.transcript) {
      const view = entryView(entry, secrets, { snippets, attempt });
      assertNoSecret(JSON.stringify(view), `entry ${entry.id}`);
      written += view.snippets?.snippets.filter((snippet) => snippet.text).length ?? 0;
    }
    assert.equal(
      written,
      14,
      'curl, jsforce and Python for the four calls; sf for the query and the JWT bearer exchange',
    );
  });

  test('the rendered teaching panel keeps no secret, but shows the assertion claims', async () => {
    const html = await ejs.renderFile(path.resolve('views/partials/teaching/panel.ejs'), {
      attempt: attemptWithSecrets(),
      flow: 'jwt',
      teach: teachingHelpers(config),
      csrfToken: () => 'csrf',
      armedFaults: () => [],
    });
    assertNoSecret(html, 'the panel HTML');
    assert.match(html, /me@x\.com/);
    assert.match(html, /Salesforce could not verify the assertion/);
    assert.doesNotMatch(html, /data-field=/, 'legs are listed closed: what they hold comes when opened');
  });

  test('every leg, opened, keeps no secret, and copies with placeholders', async () => {
    const attempt = attemptWithSecrets();
    const bodies = await Promise.all(
      attempt.transcript.map((entry) =>
        ejs.renderFile(path.resolve('views/partials/teaching/leg-body.ejs'), {
          entry: openedLeg(attempt, entry, config),
        }),
      ),
    );
    bodies.forEach((html, i) => assertNoSecret(html, `leg ${i + 1} opened`));
    assert.match(
      bodies.join('\n'),
      /Copy<\/span> token request 1 as curl<span class="copy-mode">, with placeholders<\/span>/,
    );
  });

  test('revealing gives the owner the raw values back', () => {
    const attempt = attemptWithSecrets();
    const view = entryView(attempt.transcript[1], [], { reveal: true });
    assert.ok(view.requestBody?.includes(encodeURIComponent(SECRETS.verifier)));
    assert.equal(
      view.responseBody,
      JSON.stringify(JSON.parse(attempt.transcript[1].responseBody ?? ''), null, 2),
    );
  });

  test('maskUrl keeps the URL as sent but shows masked values as they read, not percent-encoded', () => {
    assert.equal(
      maskUrl(
        'https://h/cb?state=a%2Fb&code=aPrxSecretCodeValue%2B%2Fabc%3D%3D&redirect_uri=https%3A%2F%2Fx',
      ),
      'https://h/cb?state=a%2Fb&code=aPrx…•••••• (26 chars)&redirect_uri=https%3A%2F%2Fx',
    );
    assert.ok(
      !scrub(`x=${encodeURIComponent(SECRETS.code)}`, [SECRETS.code]).includes(
        encodeURIComponent(SECRETS.code),
      ),
    );
  });

  test('scrub masks every form of every secret, regex characters and all, and a secret holding another whole', () => {
    const shorter = 'Sup3rS3cretConsumer';
    const text = [
      SECRETS.code,
      encodeURIComponent(SECRETS.code),
      new URLSearchParams({ code: SECRETS.code }).toString(),
      SECRETS.secret,
      `Bearer ${SECRETS.access}`,
    ].join(' | ');
    const scrubbed = scrub(text, [shorter, SECRETS.code, SECRETS.secret, SECRETS.access]);
    for (const secret of [SECRETS.code, SECRETS.secret, SECRETS.access]) {
      assert.ok(!scrubbed.includes(secret), secret);
      assert.ok(!scrubbed.includes(encodeURIComponent(secret)), secret);
    }
    // The longer secret is masked as itself: its tail does not survive around the shorter one's mask.
    assert.ok(!scrubbed.includes('Value'), scrubbed);
    assert.match(scrubbed, /Sup3…•••••• \(24 chars\)/);
    assert.equal(scrub('nothing secret here', [SECRETS.code]), 'nothing secret here');
    assert.equal(scrub('short ones stay', ['stay']), 'short ones stay');
    // Lists are told apart exactly: one secret holding a line break is not the two secrets either side of it.
    assert.equal(scrub('x firstpart y', ['firstpart\nsecondpart']), 'x firstpart y');
    assert.doesNotMatch(scrub('x firstpart y', ['firstpart', 'secondpart']), /firstpart/);
  });
});
