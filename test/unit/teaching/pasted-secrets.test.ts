// Masking a paste before it is read or shown: credentials however they are named and written (.env, YAML, code,
// JSON, Python keyword arguments, headers), and the words around them left as they are.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { maskPastedSecrets } from '../../../server/teaching/explainer/pastedSecrets.ts';

const SECRET = 'F4E1C0B2A9' + 'd7'.repeat(8);
const masked = (text: string) => maskPastedSecrets(text).text;

describe('masking a pasted error', () => {
  test('a secret is masked whatever its name and the way it is written', () => {
    for (const pasted of [
      `SF_CLIENT_SECRET=${SECRET}`,
      `export SF_CLIENT_SECRET="${SECRET}"`,
      `client_secret: ${SECRET}`,
      `clientSecret: '${SECRET}',`,
      `const oauth2 = new OAuth2({ clientId: '3MVG9x', clientSecret: \`${SECRET}\` })`,
      `{"consumerSecret": "${SECRET}"}`,
      `Salesforce(username='a@b.c', password='${SECRET}', security_token='${SECRET}')`,
      `:client_secret => '${SECRET}'`,
      `accessToken=${SECRET}`,
      `session_id: ${SECRET}`,
      `authorization: basic ${SECRET}==`,
      `authorization: bearer ${SECRET}`,
      // Quotes and symbols inside the value, calls, .env lines with &, a password in a URL.
      `{"password":"it's${SECRET}"}`,
      `client_secret: "abc'def${SECRET}"`,
      `password="ab\\"c${SECRET}"`,
      `SF_PASSWORD=Pa&ss${SECRET}`,
      `password: p@ss#w0rd${SECRET}`,
      `params.append('client_secret', '${SECRET}')`,
      `props.put("password", "${SECRET}")`,
      `REDIS_URL=redis://default:${SECRET}@localhost:6379`,
      `SF_PASS=${SECRET}`,
      `pwd: ${SECRET}`,
      `apiKey: '${SECRET}'`,
      `Authorization: ${SECRET}`,
      `Authorization: Bearer "${SECRET}"`,
      `curl -u admin:${SECRET} https://x`,
      `<urn:password>${SECRET}</urn:password>`,
    ]) {
      const text = masked(pasted);
      assert.ok(!text.includes(SECRET.slice(4)), `${pasted} → ${text}`);
      assert.match(text, /••••••/, pasted);
    }
    // A password of words and spaces, quoted, goes whole.
    assert.equal(masked(`password="correct horse battery"`), 'password="corr…•••••• (21 chars)"');
  });

  test('words, statuses and error codes around the secrets stay readable', () => {
    for (const pasted of [
      'Basic authentication failed for this request',
      'OAuth Username-Password flow is blocked',
      'HTTP/1.1 401 code=400',
      "{ code: 'ERR_OSSL_UNSUPPORTED', library: 'DECODER routines' }",
      'Error: connect ECONNREFUSED 127.0.0.1:8443 code: ECONNREFUSED',
      '"token_type": "Bearer", "error_code": "INVALID_SESSION_ID"',
      'grant_type=refresh_token&client_id=3MVG9x',
      'SF_PASSWORD=\nSF_CLIENT_SECRET=null\nrefreshToken: undefined',
      // An error code and its description, as tools print them: the words the explainer reads.
      'INVALID_SESSION_ID: This session is not valid for use with the REST API',
      'INVALID_OPERATION_WITH_EXPIRED_PASSWORD: The users password has expired',
      'invalid_token: This token is invalid',
      'expired_token: the device code has expired',
      "{ code: 'invalid_grant' }",
      '"privateKey": "[a private key, removed here]"',
      'client_secret: process.env.SF_CLIENT_SECRET',
    ])
      assert.equal(masked(pasted), pasted);
    // An authorization code is still one.
    assert.match(
      masked('https://localhost:8081/oauth/callback?code=aPrx7Q2LmZk1%3D%3D&state=s'),
      /code=aPrx…•••••• \(18 chars\)&state=s/,
    );
  });
});
