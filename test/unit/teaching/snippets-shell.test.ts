// Snippets for the shell, exact as a learner copies them: curl (the Salesforce CLI's are in snippets-sfcli.test.ts).
import assert from '../../support/assert.ts';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { curlSnippet, POSIX_SHELL_LINE, shellQuote } from '../../../server/teaching/snippets/curl.ts';
import { legRequest } from '../../../server/teaching/snippets/request.ts';
import * as legs from './snippet-fixtures.ts';

// curl snippets: the request as sent, --cacert for the emulator, secrets in variables set above the command.
describe('curl snippets', () => {
  test('before Reveal: each variable checked above the command, never set over yours, and --cacert for the local emulator', () => {
    assert.equal(
      curlSnippet(legRequest(legs.codeExchange), { ...legs.EMULATOR, reveal: false }),
      [
        POSIX_SHELL_LINE,
        '# Run it from the playground folder, where certs/ is.',
        '# No values here: export each variable below in your shell first, Reveal on the playground shows yours.',
        ': "${SF_AUTH_CODE:?is not set: read -rs SF_AUTH_CODE && export SF_AUTH_CODE first, then paste the authorization code, Reveal on the playground shows it}" &&',
        ': "${SF_CLIENT_SECRET:?is not set: read -rs SF_CLIENT_SECRET && export SF_CLIENT_SECRET first, then paste the consumer secret, Reveal on the playground shows it}" &&',
        ': "${SF_CODE_VERIFIER:?is not set: read -rs SF_CODE_VERIFIER && export SF_CODE_VERIFIER first, then paste the PKCE code_verifier, Reveal on the playground shows it}" &&',
        'curl --cacert certs/server.crt https://localhost:8443/services/oauth2/token \\',
        "  -H 'accept: application/json' \\",
        '  --data-urlencode grant_type=authorization_code \\',
        '  --data-urlencode "code=$SF_AUTH_CODE" \\',
        '  --data-urlencode client_id=3MVG9LocalPlaygroundEmulatorConsumerKey \\',
        '  --data-urlencode redirect_uri=https://localhost:8081/oauthcallback.html \\',
        '  --data-urlencode "client_secret=$SF_CLIENT_SECRET" \\',
        '  --data-urlencode "code_verifier=$SF_CODE_VERIFIER"',
      ].join('\n'),
    );
  });

  test('after Reveal: the owner values in the same lines; a GET query goes with --get, quoted for the shell', () => {
    assert.equal(
      curlSnippet(legRequest(legs.query), { ...legs.EMULATOR, reveal: true }),
      [
        POSIX_SHELL_LINE,
        '# Run it from the playground folder, where certs/ is.',
        '# Your own values, from your session: live credentials. Keep them out of chat, tickets and git, and run the copy from a file to keep them out of the shell history.',
        "export SF_ACCESS_TOKEN='00D5j00000PlAyG!ARaccesstokenvalue'",
        'curl --cacert certs/server.crt --get https://127.0.0.1:8443/services/data/v66.0/query \\',
        "  -H 'accept: application/json' \\",
        '  -H "Authorization: Bearer $SF_ACCESS_TOKEN" \\',
        `  --data-urlencode 'q=SELECT Id, Name FROM Account WHERE Name = '\\''O'\\'''\\''Brien'\\'''`,
      ].join('\n'),
    );
  });

  test('a real org gets no --cacert; HTTP Basic becomes --user with the secret in a variable', () => {
    assert.equal(
      curlSnippet(legRequest(legs.clientCredentialsBasic), { ...legs.ORG, reveal: false }),
      [
        POSIX_SHELL_LINE,
        '# No values here: export each variable below in your shell first, Reveal on the playground shows yours.',
        ': "${SF_CLIENT_SECRET:?is not set: read -rs SF_CLIENT_SECRET && export SF_CLIENT_SECRET first, then paste the consumer secret, Reveal on the playground shows it}" &&',
        'curl https://127.0.0.1:8443/services/oauth2/token \\',
        "  -H 'accept: application/json' \\",
        '  --user "3MVG9LocalPlaygroundEmulatorConsumerKey:$SF_CLIENT_SECRET" \\',
        '  --data-urlencode grant_type=client_credentials',
      ].join('\n'),
    );
  });

  test('a request without secrets is copied as sent, with no variables', () => {
    assert.equal(
      curlSnippet(legRequest(legs.preflight), { ...legs.ORG, reveal: false }),
      [
        POSIX_SHELL_LINE,
        'curl --get https://localhost:8443/services/oauth2/authorize \\',
        "  -H 'accept: text/html,application/json' \\",
        '  --data-urlencode response_type=code \\',
        '  --data-urlencode client_id=3MVG9LocalPlaygroundEmulatorConsumerKey',
      ].join('\n'),
    );
  });

  test('the shell hands curl exactly the values sent: quotes in SOQL and variables expanded', () => {
    const script = curlSnippet(legRequest(legs.query), { ...legs.EMULATOR, reveal: true });
    // A stand-in curl that prints its arguments, one per line: what the real one would receive.
    const run = spawnSync('bash', ['-c', `curl() { printf '%s\\n' "$@"; }\n${script}`], { encoding: 'utf8' });
    assert.deepEqual(run.stdout.trimEnd().split('\n'), [
      '--cacert',
      'certs/server.crt',
      '--get',
      'https://127.0.0.1:8443/services/data/v66.0/query',
      '-H',
      'accept: application/json',
      '-H',
      'Authorization: Bearer 00D5j00000PlAyG!ARaccesstokenvalue',
      '--data-urlencode',
      "q=SELECT Id, Name FROM Account WHERE Name = 'O''Brien'",
    ]);
  });

  test('a consumer key the shell would read inside double quotes ($, ") is handed to curl as it is', () => {
    const request = legRequest(legs.clientCredentialsBasic);
    const basic = { ...request.basic, user: 'key$HOME"x!' } as typeof request.basic;
    const script = curlSnippet({ ...request, basic }, { ...legs.ORG, reveal: false });
    const run = spawnSync('bash', ['-c', `curl() { printf '%s\\n' "$@"; }\n${script}`], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: '/home/someone', SF_CLIENT_SECRET: 'exported-secret' },
    });
    assert.equal(run.status, 0, run.stderr);
    assert.ok(run.stdout.split('\n').includes('key$HOME"x!:exported-secret'), run.stdout);
  });

  test('before Reveal, run as copied: the value the learner exported is used, and an unset one stops the command', () => {
    const script = curlSnippet(legRequest(legs.codeExchange), { ...legs.EMULATOR, reveal: false });
    const run = (env: Record<string, string>) =>
      spawnSync('bash', ['-c', `curl() { printf '%s\\n' "$@"; }\n${script}`], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, ...env },
      });
    const exported = {
      SF_AUTH_CODE: 'aPrx',
      SF_CLIENT_SECRET: 'own-secret',
      SF_CODE_VERIFIER: 'v'.repeat(43),
    };
    const sent = run(exported);
    assert.equal(sent.status, 0, sent.stderr);
    assert.ok(sent.stdout.split('\n').includes('client_secret=own-secret'), sent.stdout);
    assert.doesNotMatch(sent.stdout, /<the/, 'no placeholder reaches curl');
    const partly: Record<string, string> = { ...exported };
    delete partly.SF_CLIENT_SECRET;
    const stopped = run(partly);
    assert.notEqual(stopped.status, 0);
    assert.equal(stopped.stdout, '', 'curl never ran');
    assert.match(
      stopped.stderr,
      /SF_CLIENT_SECRET: is not set: read -rs SF_CLIENT_SECRET && export SF_CLIENT_SECRET first, then paste the consumer secret,/,
    );
  });

  test('shell words: bare when harmless, single-quoted otherwise, quotes inside escaped', () => {
    assert.equal(shellQuote('certs/server.crt'), 'certs/server.crt');
    assert.equal(shellQuote('a b'), "'a b'");
    assert.equal(shellQuote("it's $HOME"), `'it'\\''s $HOME'`);
    assert.equal(shellQuote('00D!AR'), "'00D!AR'");
  });
});
