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
    const notServed = explain({
      error: 'NOT_FOUND',
      error_description:
        'The composite/tree resource is not served by this local emulator (an emulator limit: a real org answers it).',
    });
    assert.equal(notServed.key, 'emulator-not-served');
    assert.equal(
      explain({ error: 'NOT_FOUND', error_description: 'The requested resource does not exist' }).key,
      'not-found',
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

  test('tells the INVALID_FIELD refusals that are not about a name apart, and the OFFSET and FIELDS() limits', () => {
    const at = (message: string) => `\nSELECT x FROM Account\n       ^\nERROR at Row:1:Column:8\n${message}`;
    for (const [error, message, key] of [
      ['INVALID_FIELD', 'field Name does not support aggregate operator SUM', 'soql-aggregate-type'],
      ['INVALID_FIELD', 'invalid operator on field: NumberOfEmployees', 'soql-operator-type'],
      [
        'INVALID_FIELD',
        'includes or excludes operator only valid on multipicklist field: Industry',
        'soql-includes',
      ],
      [
        'INVALID_FIELD',
        "The selected field 'Name' in the subquery and the left operand field in the where expression in the outer query 'Name' must point to the same object type",
        'soql-semi-join-type',
      ],
      ['INVALID_FIELD', 'invalid date: 2025-13-45T00:00:00Z', 'soql-invalid-date'],
      ['NUMBER_OUTSIDE_VALID_RANGE', 'Maximum SOQL offset allowed is 2000', 'soql-offset-range'],
      ['MALFORMED_QUERY', 'The SOQL FIELDS function must have a LIMIT of at most 200', 'soql-fields-limit'],
      ['MALFORMED_QUERY', 'unexpected token: OR', 'soql-and-or'],
      ['MALFORMED_QUERY', 'unexpected token: AND', 'soql-and-or'],
      ['MALFORMED_QUERY', 'only aggregate expressions use field aliasing', 'soql-field-alias'],
    ]) {
      assert.equal(explain({ error, error_description: at(message) }).key, key, message);
    }
    // Not about AND or OR: the plain malformed-query explanation.
    assert.equal(
      explain({ error: 'MALFORMED_QUERY', error_description: at('unexpected token: ORDER') }).key,
      'malformed-query',
    );
    const paging =
      'Aggregate query does not support queryMore(), use LIMIT to restrict the results to a single batch';
    assert.equal(
      explain({ error: 'EXCEEDED_ID_LIMIT', error_description: paging }).key,
      'soql-aggregate-paging',
    );
  });

  test("an object or field the emulator does not model is told as the emulator's limit, not a wrong name", () => {
    const object = explain({
      error: 'INVALID_TYPE',
      error_description:
        "sObject type 'Lead' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names. (Local emulator: Lead is a standard object of most orgs (some only with their feature on), which this emulator does not model: it has Account, Contact, Case, Opportunity, User, Profile and Organization only.)",
    });
    assert.equal(object.key, 'emulator-unmodeled-object');
    const field = explain({
      error: 'INVALID_FIELD',
      error_description:
        "No such column 'Fax2' on sobject of type Account (Local emulator: it keeps only some of Account's standard fields, listed by GET /sobjects/Account/describe: if a real org has Fax2, this emulator leaves it out.)",
    });
    assert.equal(field.key, 'emulator-unmodeled-field');
    // Without the note (a real org's answer), the general entries.
    assert.equal(
      explain({
        error: 'INVALID_FIELD',
        error_description: "No such column 'Fax2' on sobject of type Account",
      }).key,
      'invalid-field',
    );
    assert.equal(
      explain({ error: 'INVALID_TYPE', error_description: "sObject type 'Foo' is not supported." }).key,
      'invalid-type',
    );
  });

  test("the storage card says the emulator's 25 MB is more than a Developer Edition's 5 MB", () => {
    const storage = explain({ error: 'STORAGE_LIMIT_EXCEEDED', error_description: 'storage limit exceeded' });
    assert.match(
      storage.inEmulator ?? '',
      /^The local emulator's org has 25 MB of data storage \(a Developer Edition has 5 MB\), counting 2 KB for each record, as Salesforce counts its accounts, contacts, cases and opportunities/,
    );
    assert.doesNotMatch(storage.inEmulator ?? '', /counted as Salesforce counts it/);
  });
});
