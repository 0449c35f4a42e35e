// Salesforce CLI snippets: `sf org login jwt` for a JWT bearer exchange, `sf org login access-token` and
// `sf data query` for a query; nothing for requests no sf command sends.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { legRequest } from '../../../../server/teaching/snippets/request.ts';
import { sfCliSnippet } from '../../../../server/teaching/snippets/sfCli.ts';
import * as legs from './fixtures.ts';

const HEAD = "# Salesforce CLI (npm install --global @salesforce/cli). Run it from the playground's folder.";

describe('sf CLI snippets', () => {
  test('a JWT bearer exchange: sf org login jwt with the assertion’s iss and sub, the key file, the login host', () => {
    assert.equal(
      sfCliSnippet(legRequest(legs.jwtExchange), { ...legs.EMULATOR, reveal: false }),
      [
        HEAD,
        '# The CLI signs an assertion of its own with the same key and consumer key, for the same user, and sends it:',
        'NODE_EXTRA_CA_CERTS=certs/server.crt sf org login jwt --client-id 3MVG9LocalPlaygroundEmulatorConsumerKey --jwt-key-file certs/jwt.key \\',
        '  --username admin@playground.local --instance-url https://localhost:8443 --alias playground',
      ].join('\n'),
    );
  });

  test('a query: the token in SF_ACCESS_TOKEN (where the CLI reads it), then the same SOQL on the same instance', () => {
    assert.equal(
      sfCliSnippet(legRequest(legs.query), { ...legs.ORG, reveal: true }),
      [
        HEAD,
        '# Your own values, from your session: keep them to yourself.',
        "export SF_ACCESS_TOKEN='00D5j00000PlAyG!ARaccesstokenvalue'",
        'sf org login access-token --instance-url https://127.0.0.1:8443 --alias playground --no-prompt',
        `sf data query --query 'SELECT Id, Name FROM Account WHERE Name = '\\''O'\\'''\\''Brien'\\''' --target-org playground --api-version 66.0`,
      ].join('\n'),
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
