// The scopes a request may ask for: the app's, under any name Salesforce gives the same permission.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { requestedScopes } from '../../../server/emulator/scopes.ts';

describe('requested scopes', () => {
  const app = ['api', 'id', 'refresh_token', 'openid'];

  test('none asked means every scope of the app', () => {
    assert.deepEqual(requestedScopes(undefined, app), app);
    assert.deepEqual(requestedScopes('  ', app), app);
  });

  test('the names of the identity and refresh permissions are granted by either of their names', () => {
    assert.deepEqual(requestedScopes('openid profile email address phone', app), [
      'openid',
      'profile',
      'email',
      'address',
      'phone',
    ]);
    assert.deepEqual(requestedScopes('api offline_access offline_access', app), ['api', 'offline_access']);
    assert.deepEqual(requestedScopes('refresh_token', ['offline_access']), ['refresh_token']);
  });

  test('a scope the app does not grant under any name refuses the request', () => {
    assert.equal(requestedScopes('profile', ['api', 'refresh_token']), undefined);
    assert.equal(requestedScopes('offline_access', ['api', 'id']), undefined);
    assert.equal(requestedScopes('api wave_api', app), undefined);
  });
});
