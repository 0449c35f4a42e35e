// Reading a transcript leg into the request snippets repeat: each secret named by what it is in that request.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { snippetContext } from '../../../../server/teaching/snippets/context.ts';
import { snippetSet } from '../../../../server/teaching/snippets/index.ts';
import {
  legRequest,
  queryOf,
  queryRequest,
  secretsOfRequest,
} from '../../../../server/teaching/snippets/request.ts';
import * as legs from './fixtures.ts';

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
      { mode: 'emulator', certsDir: '/srv/app/certs', jwtKeyFile: '/srv/app/certs/jwt.key' },
      true,
    );
    assert.deepEqual(context, { caFile: 'certs/server.crt', jwtKeyFile: 'certs/jwt.key', reveal: true });
    assert.equal(snippetSet(legRequest(legs.codeExchange), context).revealed, true);
    assert.equal(snippetSet(legRequest(legs.codeExchange), { ...context, reveal: false }).revealed, false);
    assert.equal(snippetSet(legRequest(legs.passwordGrant), context).revealed, false);
    assert.equal(
      snippetSet(legRequest(legs.preflight), { ...context, reveal: false }).revealed,
      true,
      'nothing to hide',
    );
  });

  test('a key outside the playground folder is named by its full path; a real org has no certificate to trust', () => {
    const context = snippetContext(
      { mode: 'org', certsDir: '/srv/app/certs', jwtKeyFile: '/keys/jwt.key' },
      false,
    );
    assert.deepEqual(context, { caFile: undefined, jwtKeyFile: '/keys/jwt.key', reveal: false });
  });

  test('every tool is listed for every request, with the reason where it has no snippet', () => {
    const set = snippetSet(legRequest(legs.preflight), { ...legs.EMULATOR, reveal: false });
    assert.deepEqual(
      set.snippets.map(({ target, label, unavailable }) => [target, label, unavailable ?? 'written']),
      [
        ['curl', 'curl', 'written'],
        ['jsforce', 'jsforce', 'jsforce makes no call like this one: a browser sends it.'],
        ['sf', 'sf CLI', 'The Salesforce CLI has no command that sends this request.'],
        ['python', 'Python', 'written'],
      ],
    );
  });
});
