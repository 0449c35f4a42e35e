// Snippets: the request read from a transcript leg, and the set of snippets made from it. Spent single-use values:
// snippets-spent.test.ts.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { snippetContext } from '../../../server/teaching/snippets/context.ts';
import { snippetSet } from '../../../server/teaching/snippets/index.ts';
import {
  legRequest,
  queryOf,
  queryRequest,
  secretsOfRequest,
} from '../../../server/teaching/snippets/request.ts';
import * as legs from './snippet-fixtures.ts';

// Reading a transcript leg into the request snippets repeat: each secret named by what it is in that request.
const variables = (entry: Parameters<typeof legRequest>[0]) =>
  secretsOfRequest(legRequest(entry)).map((secret) => secret.variable);

describe('the request behind a snippet', () => {
  test('each secret gets the variable of what it is: a device poll’s code is a device code, a hinted token its kind', () => {
    assert.deepEqual(variables(legs.codeExchange), ['SF_AUTH_CODE', 'SF_CLIENT_SECRET', 'SF_CODE_VERIFIER']);
    assert.deepEqual(variables(legs.devicePoll(200, {})), ['SF_DEVICE_CODE']);
    assert.deepEqual(variables(legs.query), ['SF_ACCESS_TOKEN']);
    assert.deepEqual(variables(legs.clientCredentialsBasic), ['SF_CLIENT_SECRET']);
    assert.deepEqual(variables(legs.revoke), ['SF_TOKEN']);
    const introspect = { ...legs.revoke, requestBody: 'token=5Aep861refresh&token_type_hint=refresh_token' };
    assert.deepEqual(variables(introspect), ['SF_REFRESH_TOKEN']);
    assert.deepEqual(variables(legs.preflight), []);
  });

  test('a value this app never kept has no value to reveal; client_id, username and redirect_uri are no secrets', () => {
    const request = legRequest(legs.passwordGrant);
    const password = secretsOfRequest(request).find((secret) => secret.variable === 'SF_PASSWORD');
    assert.equal(password?.value, undefined);
    assert.deepEqual(
      request.form?.filter((field) => typeof field.value === 'string').map((field) => field.name),
      ['grant_type', 'client_id', 'username'],
    );
  });

  test('the final token’s query is the query leg the result page runs, and reads back as one', () => {
    const request = queryRequest(legs.INSTANCE, '66.0', 'SELECT Id FROM Account', legs.TOKEN);
    assert.deepEqual(queryOf(request), {
      instanceUrl: legs.INSTANCE,
      version: '66.0',
      soql: 'SELECT Id FROM Account',
    });
    assert.equal(queryOf(legRequest(legs.identity)), undefined);
  });

  test('a set says whether it holds real values: never before Reveal, nor with a value never kept', () => {
    const context = snippetContext(
      {
        mode: 'emulator',
        certsDir: '/srv/app/certs',
        jwtKeyFile: '/srv/app/certs/jwt.key',
        loginUrl: 'https://localhost:8443',
      },
      true,
    );
    assert.deepEqual(context, { caFile: 'certs/server.crt', jwtKeyFile: 'certs/jwt.key', reveal: true });
    assert.equal(snippetSet(legRequest(legs.codeExchange), context).revealed, true);
    assert.equal(snippetSet(legRequest(legs.codeExchange), { ...context, reveal: false }).revealed, false);
    assert.equal(snippetSet(legRequest(legs.passwordGrant), context).revealed, false);
    // After Reveal only the password, never kept, is left to fill in: the copy's message names it alone.
    const password = snippetSet(legRequest(legs.passwordGrant), context);
    assert.deepEqual(password.unset, ['SF_PASSWORD']);
    assert.ok(password.variables.length > 1, password.variables.join(', '));
    assert.deepEqual(
      snippetSet(legRequest(legs.passwordGrant), { ...context, reveal: false }).unset,
      password.variables,
    );
    assert.deepEqual(snippetSet(legRequest(legs.codeExchange), context).unset, []);
    assert.equal(
      snippetSet(legRequest(legs.preflight), { ...context, reveal: false }).revealed,
      true,
      'nothing to hide',
    );
  });

  test('a key outside the playground folder is named by its full path; a real org has no certificate to trust', () => {
    const org = { mode: 'org' as const, certsDir: '/srv/app/certs', jwtKeyFile: '/keys/jwt.key' };
    const context = snippetContext({ ...org, loginUrl: 'https://login.salesforce.com' }, false);
    assert.deepEqual(context, { caFile: undefined, jwtKeyFile: '/keys/jwt.key', reveal: false });
    // Org mode pointed at `npm run emulator` on this machine trusts the same local certificate.
    const local = snippetContext({ ...org, loginUrl: 'https://localhost:8443' }, false);
    assert.equal(local.caFile, 'certs/server.crt');
  });

  test('every tool is listed for every request, with the reason where it has no snippet', () => {
    const set = snippetSet(legRequest(legs.preflight), { ...legs.EMULATOR, reveal: false });
    assert.deepEqual(
      set.snippets.map(({ target, label, unavailable }) => [target, label, unavailable ?? 'written']),
      [
        ['curl', 'curl', 'written'],
        [
          'jsforce',
          'jsforce',
          'jsforce sends no request like this one: it builds its URL (oauth2.getAuthorizationUrl()) for a browser to open.',
        ],
        ['sf', 'sf CLI', 'The Salesforce CLI has no command that sends this request.'],
        ['python', 'Python', 'written'],
      ],
    );
  });
});
