// The masking tests' fixture: secrets of every kind, an attempt whose transcript holds each of them (in requests,
// answers and headers), and the check that none survives, raw, percent-encoded or form-encoded, in a text.
import assert from './assert.ts';
import type { Attempt } from '../../server/attempts/attempt.ts';

export const SECRETS = {
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

export function attemptWithSecrets(): Attempt {
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

export function assertNoSecret(text: string, where: string): void {
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
