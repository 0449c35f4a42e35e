// jsforce snippets as code, exact as a learner copies them: jsforce's own call for each kind of request, the
// local certificate trusted, never verification skipped.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { jsforceSnippet } from '../../../server/teaching/snippets/jsforce.ts';
import { legRequest } from '../../../server/teaching/snippets/request.ts';
import * as legs from './snippet-fixtures.ts';

const HEAD = [
  "// Node.js 18+ with jsforce (the playground's npm install puts it in its folder; elsewhere: npm install jsforce).",
  "// Save as snippet.mjs in the playground's folder and run:",
  '//   node snippet.mjs',
];
/** What a jsforce copy with placeholders says when one is left unset, instead of sending "undefined". */
const ENV = [
  'function env(name) {',
  '  if (!process.env[name]) throw new Error(`${name} is not set: export it in your shell first (see its line in this file)`);',
  '  return process.env[name];',
  '}',
];
const TRUST = [
  "import https from 'node:https';",
  "import { readFileSync } from 'node:fs';",
  "import jsforce from 'jsforce';",
  '',
  "// The local emulator's certificate: trusted, never verification switched off.",
  "https.globalAgent.options.ca = readFileSync('certs/server.crt');",
];

describe('jsforce snippets', () => {
  test('a query: a Connection on instance_url with the token, rows printed one JSON line each', () => {
    assert.equal(
      jsforceSnippet(legRequest(legs.query), { ...legs.EMULATOR, reveal: false }),
      [
        ...HEAD,
        ...TRUST,
        '// No values here: export each variable below in your shell first, Reveal on the playground shows yours.',
        ...ENV,
        "const SF_ACCESS_TOKEN = env('SF_ACCESS_TOKEN'); // export SF_ACCESS_TOKEN='<the access token>' (PowerShell: $env:SF_ACCESS_TOKEN = '<the access token>')",
        '',
        'const conn = new jsforce.Connection({',
        "  instanceUrl: 'https://127.0.0.1:8443',",
        '  accessToken: SF_ACCESS_TOKEN,',
        "  version: '66.0',",
        '});',
        `let result = await conn.query('SELECT Id, Name FROM Account WHERE Name = \\'O\\'\\'Brien\\'');`,
        'for (;;) {',
        '  for (const { attributes, ...row } of result.records) console.log(JSON.stringify(row));',
        '  if (result.done) break;',
        '  // More rows than one batch (2,000 by default): queryMore asks for the next one.',
        '  result = await conn.queryMore(result.nextRecordsUrl);',
        '}',
      ].join('\n'),
    );
  });

  test('a code exchange: OAuth2 with the app settings, requestToken with the code and the verifier', () => {
    const text = jsforceSnippet(legRequest(legs.codeExchange), { ...legs.EMULATOR, reveal: true }) ?? '';
    assert.ok(
      text.endsWith(
        [
          '// Your own values, from your session: live credentials. Keep them out of chat, tickets and git, and run the copy from a file to keep them out of the shell history.',
          "const SF_AUTH_CODE = 'aPrxCode==';",
          "const SF_CLIENT_SECRET = 'local-emulator-consumer-secret';",
          "const SF_CODE_VERIFIER = 'verifier-value';",
          '',
          'const oauth2 = new jsforce.OAuth2({',
          "  loginUrl: 'https://localhost:8443',",
          "  clientId: '3MVG9LocalPlaygroundEmulatorConsumerKey',",
          '  clientSecret: SF_CLIENT_SECRET,',
          "  redirectUri: 'https://localhost:8081/oauthcallback.html',",
          '});',
          'console.log(await oauth2.requestToken(SF_AUTH_CODE, { code_verifier: SF_CODE_VERIFIER }));',
        ].join('\n'),
      ),
      text,
    );
  });

  test('a real org: no certificate lines; a JWT bearer exchange goes through requestToken with the grant', () => {
    assert.equal(
      jsforceSnippet(legRequest(legs.jwtExchange), { ...legs.ORG, reveal: false }),
      [
        ...HEAD,
        "import jsforce from 'jsforce';",
        '',
        '// No values here: export each variable below in your shell first, Reveal on the playground shows yours.',
        ...ENV,
        "const SF_ASSERTION = env('SF_ASSERTION'); // export SF_ASSERTION='<the signed JWT assertion>' (PowerShell: $env:SF_ASSERTION = '<the signed JWT assertion>')",
        '',
        "const oauth2 = new jsforce.OAuth2({ loginUrl: 'https://localhost:8443' });",
        'console.log(await oauth2.requestToken({',
        "  grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',",
        '  assertion: SF_ASSERTION,',
        '}));',
      ].join('\n'),
    );
  });

  test("an Experience Cloud site's path stays in loginUrl: jsforce adds /services/oauth2/… to it", () => {
    const atSite = (entry: typeof legs.jwtExchange, endpoint: string) =>
      jsforceSnippet(
        legRequest({ ...entry, url: `https://acme.my.site.com/partners/services/oauth2/${endpoint}` }),
        {
          ...legs.ORG,
          reveal: false,
        },
      ) ?? '';
    for (const [entry, endpoint] of [
      [legs.jwtExchange, 'token'],
      [legs.revoke, 'revoke'],
    ] as const) {
      assert.ok(
        atSite(entry, endpoint).includes(
          "new jsforce.OAuth2({ loginUrl: 'https://acme.my.site.com/partners'",
        ),
        endpoint,
      );
    }
  });

  test('a refresh uses refreshToken; a revocation revokeToken; any other call conn.request', () => {
    const refresh = jsforceSnippet(legRequest(legs.refresh), { ...legs.ORG, reveal: false }) ?? '';
    assert.match(refresh, /^console\.log\(await oauth2\.refreshToken\(SF_REFRESH_TOKEN\)\);$/m);
    const revoke = jsforceSnippet(legRequest(legs.revoke), { ...legs.ORG, reveal: false }) ?? '';
    assert.match(revoke, /^await oauth2\.revokeToken\(SF_TOKEN\);\nconsole\.log\('revoked'\);$/m);
    const identity = jsforceSnippet(legRequest(legs.identity), { ...legs.ORG, reveal: false }) ?? '';
    assert.ok(
      identity.endsWith(
        [
          'const conn = new jsforce.Connection({ accessToken: SF_ACCESS_TOKEN });',
          'console.log(await conn.request({',
          "  method: 'GET',",
          "  url: 'https://localhost:8443/id/00D5j00000PlAyGEAV/0055j00000AdMiNAAV',",
          '}));',
        ].join('\n'),
      ),
      identity,
    );
  });

  test('HTTP Basic becomes jsforce OAuth2 with the key and secret in the form; the authorize probe has none', () => {
    assert.equal(jsforceSnippet(legRequest(legs.preflight), { ...legs.ORG, reveal: false }), undefined);
    const basic =
      jsforceSnippet(legRequest(legs.clientCredentialsBasic), { ...legs.ORG, reveal: false }) ?? '';
    assert.match(basic, /\/\/ jsforce sends the consumer key and secret in the form body, not as HTTP Basic/);
    assert.match(
      basic,
      /new jsforce\.OAuth2\(\{[^}]*clientId: '3MVG9[^']+',[^}]*clientSecret: SF_CLIENT_SECRET,/s,
    );
    assert.match(basic, /oauth2\.requestToken\(\{ grant_type: 'client_credentials' \}\)/);
    assert.doesNotMatch(basic, /conn\.request/);
  });
});
