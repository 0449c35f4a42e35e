// The scopes a redirect flow may ask for: the usual ones, any other that SF_SCOPES names, and nothing else.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { offeredScopes, readLoginOptions } from '../../../server/flows/loginOptions.ts';

describe('login options', () => {
  test('a scope SF_SCOPES names is offered and sent; a name from nowhere is dropped', () => {
    const config = { scopes: 'api refresh_token chatter_api' };
    assert.deepEqual(offeredScopes(config).slice(-1), ['chatter_api']);
    const options = readLoginOptions({ scope: ['api', 'chatter_api', 'made_up'] }, config);
    assert.deepEqual(options.scopes, ['api', 'chatter_api']);
    // Without SF_SCOPES naming it, chatter_api is no more offered than any other unknown name.
    assert.deepEqual(readLoginOptions({ scope: ['api', 'chatter_api'] }, { scopes: 'api' }).scopes, ['api']);
  });
});
