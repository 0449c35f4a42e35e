// The explainer on the emulator's newer REST refusals: an emulator limit is never blamed on the user's syntax,
// and type and id errors in WHERE get their own explanation instead of "the field does not exist".
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { explain } from '../../../server/teaching/explainer/explain.ts';

describe('error explainer: REST refusals', () => {
  test('explains an emulator limit as the emulator, not the query syntax', () => {
    const explained = explain({
      error: 'MALFORMED_QUERY',
      error_description:
        '\nSELECT toLabel(Status) FROM Case\n       ^\nERROR at Row:1:Column:8\nThe toLabel() function in SELECT is not supported by this local emulator (an emulator limit, not an error in the query).',
    });
    assert.equal(explained.key, 'emulator-soql-limit');
    assert.equal(
      explain({ error: 'MALFORMED_QUERY', error_description: 'unexpected token: FRM' }).key,
      'malformed-query',
    );
  });

  test('tells a typed-literal mistake and a bad id apart from an unknown field', () => {
    const typed =
      "value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes";
    assert.equal(explain({ error: 'INVALID_FIELD', error_description: typed }).key, 'filter-type');
    assert.equal(
      explain({ error: 'INVALID_FIELD', error_description: "No such column 'Foo'" }).key,
      'invalid-field',
    );
    assert.equal(
      explain({ error: 'INVALID_QUERY_FILTER_OPERATOR', error_description: 'invalid ID field: nope' }).key,
      'invalid-id-filter',
    );
    assert.equal(
      explain({ error: 'QUERY_TIMEOUT', error_description: 'Your query request was running for too long.' })
        .key,
      'soql-too-slow',
    );
  });
});
