// Salesforce CLI snippets, exact as a learner copies them, and what the shell hands the CLI when it runs them.
import assert from '../../support/assert.ts';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { WRONG_AUDIENCE } from '../../../server/flows/jwtBearer.ts';
import { POSIX_SHELL_LINE } from '../../../server/teaching/snippets/curl.ts';
import { legRequest } from '../../../server/teaching/snippets/request.ts';
import { sfCliSnippet } from '../../../server/teaching/snippets/sfCli.ts';
import * as legs from './snippet-fixtures.ts';

// Salesforce CLI snippets: `sf org login jwt` for a JWT bearer exchange, `sf org login access-token` and
// `sf data query` for a query; nothing for requests no sf command sends.

const SF_HEAD = [
  POSIX_SHELL_LINE,
  '# Salesforce CLI, npm install --global @salesforce/cli, needs Node 22 or newer. Run it from the playground folder.',
].join('\n');

describe('sf CLI snippets', () => {
  test('a JWT bearer exchange: sf org login jwt with the assertion’s iss and sub, the key file, the login host', () => {
    assert.equal(
      sfCliSnippet(legRequest(legs.jwtExchange), { ...legs.EMULATOR, reveal: false }),
      [
        SF_HEAD,
        '# The CLI signs an assertion of its own with the same key and consumer key, for the same user, and sends it:',
        'NODE_EXTRA_CA_CERTS=certs/server.crt sf org login jwt --client-id 3MVG9LocalPlaygroundEmulatorConsumerKey --jwt-key-file certs/jwt.key \\',
        '  --username admin@playground.local --instance-url https://localhost:8443 --alias playground',
        '# If the emulator refuses it or is not running, the CLI tries again at login.salesforce.com and test.salesforce.com, over the internet, and lists every answer: the first is the try at the emulator.',
      ].join('\n'),
    );
  });

  test('the note that a failed login goes on to Salesforce is for the emulator only: with an org it goes there anyway', () => {
    // sfdx-core 8.32 (sf 2.146), run against the emulator: a refused or unreachable first try is followed by the same
    // assertion at https://test.salesforce.com and https://login.salesforce.com (getLoginAudienceCombos).
    const org = sfCliSnippet(legRequest(legs.jwtExchange), { ...legs.ORG, reveal: false }) ?? '';
    assert.match(org, /sf org login jwt/);
    assert.doesNotMatch(org, /over the internet/);
  });

  test('a query: the token in SF_ACCESS_TOKEN (where the CLI reads it), then the same SOQL on the same instance', () => {
    assert.equal(
      sfCliSnippet(legRequest(legs.query), { ...legs.ORG, reveal: true }),
      [
        SF_HEAD,
        '# Your own values, from your session: live credentials. Keep them out of chat, tickets and git, and run the copy from a file to keep them out of the shell history.',
        "export SF_ACCESS_TOKEN='00D5j00000PlAyG!ARaccesstokenvalue'",
        'sf org login access-token --instance-url https://127.0.0.1:8443 \\',
        '  --alias playground --no-prompt &&',
        `sf data query --query 'SELECT Id, Name FROM Account WHERE Name = '\\''O'\\'''\\''Brien'\\''' \\`,
        '  --target-org playground --api-version 66.0',
      ].join('\n'),
    );
  });

  test('the shell hands sf the arguments and the certificate variable it needs', () => {
    const script = sfCliSnippet(legRequest(legs.query), { ...legs.EMULATOR, reveal: true }) ?? '';
    // A stand-in sf that prints the certificate it would trust, the token it would read, then its arguments.
    const stand = `sf() { printf '%s\\n' "$NODE_EXTRA_CA_CERTS" "$SF_ACCESS_TOKEN" "$@" '--'; }\n`;
    const run = spawnSync('bash', ['-c', stand + script], { encoding: 'utf8' });
    assert.deepEqual(run.stdout.trimEnd().split('\n'), [
      'certs/server.crt',
      '00D5j00000PlAyG!ARaccesstokenvalue',
      ...['org', 'login', 'access-token', '--instance-url', 'https://127.0.0.1:8443'],
      ...['--alias', 'playground', '--no-prompt', '--'],
      'certs/server.crt',
      '00D5j00000PlAyG!ARaccesstokenvalue',
      ...['data', 'query', '--query', "SELECT Id, Name FROM Account WHERE Name = 'O''Brien'"],
      ...['--target-org', 'playground', '--api-version', '66.0', '--'],
    ]);
  });

  test('a refused login stops there: the query never runs against what the alias named before', () => {
    const script = sfCliSnippet(legRequest(legs.query), { ...legs.EMULATOR, reveal: true }) ?? '';
    // A stand-in sf whose login fails, as a revoked or mistyped token's does; any other command says it ran.
    const stand = `sf() { if [ "$1" = org ]; then echo 'login refused' >&2; return 1; fi; echo "ran: $*"; }\n`;
    const run = spawnSync('bash', ['-c', stand + script], { encoding: 'utf8' });
    assert.equal(run.stdout, '', 'no query ran');
    assert.equal(run.stderr.trim(), 'login refused');
    assert.notEqual(run.status, 0, 'the copy ends with the failed login');
  });

  test('before Reveal, pasted into an interactive shell: an unset token stops the login and the query, an exported one is used', () => {
    const script = sfCliSnippet(legRequest(legs.query), { ...legs.EMULATOR, reveal: false }) ?? '';
    const stand = `sf() { echo "ran: $1 $2 with $SF_ACCESS_TOKEN"; }\n`;
    // Interactive, as a paste is: an expansion error there ends only the command it is in, not the shell.
    const paste = (env: Record<string, string>) =>
      spawnSync('bash', ['--norc', '--noprofile', '-i'], {
        input: `${stand}${script}\necho still here\n`,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, ...env },
      });
    const unset = paste({});
    assert.doesNotMatch(unset.stdout, /ran:/, 'neither the login nor the query ran');
    assert.match(unset.stdout, /still here/, 'the shell went on: only the && chain stopped');
    assert.match(
      unset.stderr,
      /SF_ACCESS_TOKEN: is not set: read -rs SF_ACCESS_TOKEN && export SF_ACCESS_TOKEN first, then paste the access token,/,
    );
    const exported = paste({ SF_ACCESS_TOKEN: 'own-token' });
    assert.match(exported.stdout, /ran: org login with own-token\nran: data query with own-token/);
  });

  test("a site's login keeps its path, and an audience the CLI would not guess goes in SF_AUDIENCE_URL", () => {
    const jwtTo = (url: string, aud: string) => {
      const assertion = `${legs.jwtPart({ alg: 'RS256' })}.${legs.jwtPart({ iss: legs.CLIENT_ID, sub: 'user@acme.example', aud })}.c2ln`;
      const body = new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion,
      });
      const entry = { ...legs.jwtExchange, url, requestBody: body.toString() };
      const script = sfCliSnippet(legRequest(entry), { ...legs.ORG, reveal: false }) ?? '';
      const stand = `sf() { printf '%s\\n' "\${SF_AUDIENCE_URL-unset}" "$@" '--'; }\n`;
      return spawnSync('bash', ['-c', stand + script], { encoding: 'utf8' })
        .stdout.trimEnd()
        .split('\n');
    };
    const site = jwtTo(
      'https://acme.my.site.com/partners/services/oauth2/token',
      'https://acme.my.site.com/partners',
    );
    assert.equal(site[0], 'unset', 'the CLI tries the login URL as the audience first');
    assert.equal(site[site.indexOf('--instance-url') + 1], 'https://acme.my.site.com/partners');
    const sandbox = jwtTo(
      'https://acme--dev.sandbox.my.salesforce.com/services/oauth2/token',
      'https://test.salesforce.com',
    );
    assert.equal(sandbox[0], 'unset', 'test.salesforce.com is among its guesses');
    assert.equal(
      sandbox[sandbox.indexOf('--instance-url') + 1],
      'https://acme--dev.sandbox.my.salesforce.com',
    );
    const own = jwtTo('https://acme.my.salesforce.com/services/oauth2/token', 'https://login.acme.example');
    assert.equal(own[0], 'https://login.acme.example', 'an audience of its own reaches the CLI');
    const broken = jwtTo('https://acme.my.salesforce.com/services/oauth2/token', WRONG_AUDIENCE);
    assert.equal(
      broken[0],
      'unset',
      'the "break it" audience is not taught as a setting: the CLI signs its own',
    );
  });

  test('no sf command sends the other requests', () => {
    for (const leg of [
      legs.codeExchange,
      legs.identity,
      legs.revoke,
      legs.clientCredentialsBasic,
      legs.preflight,
    ])
      assert.equal(sfCliSnippet(legRequest(leg), { ...legs.EMULATOR, reveal: false }), undefined, leg.leg);
  });
});
