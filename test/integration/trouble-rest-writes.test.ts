// The REST API's refusals of record writes, as the local emulator gives them to a client, pasted into the explainer:
// each is explained by its own card (never "not in the catalogue"), the way a developer pastes them from their code.
import assert from '../support/assert.ts';
import { firstCard } from '../support/paste.ts';
import { describe, test } from 'node:test';
import { explainPasted } from '../support/flows.ts';
import { unescapeHtml } from '../support/html.ts';
import { recordsStack } from '../support/rest-records.ts';
import type { RestResult } from '../support/rest.ts';

const CONTACT = '/sobjects/Contact/0035j0000000001AAA';

describe('the trouble path: REST write errors pasted', () => {
  const records = recordsStack();

  test('every refusal of a write the emulator gives has an explanation of its own', async () => {
    const { rest } = records;
    const created = await rest.post('/sobjects/Contact', { LastName: 'Gone Soon' });
    await rest.delete(`/sobjects/Contact/${created.body.id}`);
    const refusals: [string, Promise<RestResult>, string][] = [
      [
        'REQUIRED_FIELD_MISSING',
        rest.post('/sobjects/Contact', { FirstName: 'X' }),
        'A required field has no value',
      ],
      [
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        rest.post('/sobjects/Account', { Name: 'X', CreatedDate: '2020-01-01T00:00:00Z' }),
        'A field in the body cannot be written',
      ],
      [
        'STRING_TOO_LONG',
        rest.patch(CONTACT, { Title: 't'.repeat(129) }),
        'A text value is longer than its field',
      ],
      [
        'JSON_PARSER_ERROR',
        rest.patch('/sobjects/Account/0015j0000000001AAA', { NumberOfEmployees: 'many' }),
        "The body is not JSON of the fields' types",
      ],
      [
        'INVALID_EMAIL_ADDRESS',
        rest.patch(CONTACT, { Email: 'nobody' }),
        'An email field holds no email address',
      ],
      [
        'FIELD_INTEGRITY_EXCEPTION',
        rest.patch(CONTACT, { AccountId: '0055j00000AdMiNAAV' }),
        'A lookup holds an id of another object',
      ],
      [
        'INVALID_CROSS_REFERENCE_KEY',
        rest.patch(CONTACT, { AccountId: '0015j0000000999AAA' }),
        'A lookup names a record this user cannot use',
      ],
      [
        'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        rest.post('/sobjects/Opportunity', {
          Name: 'R',
          StageName: 'Prospecting',
          CloseDate: '2026-01-31',
          Amount: -5,
        }),
        'A validation rule of the org refused the values',
      ],
      [
        'ENTITY_IS_DELETED',
        rest.patch(`/sobjects/Contact/${created.body.id}`, { LastName: 'Back' }),
        'The record is deleted',
      ],
      [
        'DELETE_FAILED',
        rest.delete('/sobjects/Account/0015j0000000001AAA'),
        'Other records still need this one',
      ],
      [
        'METHOD_NOT_ALLOWED',
        rest.delete('/sobjects/Account'),
        'This resource does not take that HTTP method',
      ],
      [
        'UNSUPPORTED_MEDIA_TYPE',
        rest.send('POST', '/sobjects/Account', 'Name=X', { 'content-type': 'text/plain' }),
        'The body is sent with a type the API does not read',
      ],
      [
        'PRECONDITION_FAILED',
        rest.patch(CONTACT, { LastName: 'Late' }, { 'if-unmodified-since': 'Mon, 01 Jan 2001 00:00:00 GMT' }),
        'The record changed since the version your request named',
      ],
      [
        'MISSING_ARGUMENT',
        rest.send('PATCH', '/composite/sobjects', {
          records: [{ attributes: { type: 'Contact' }, LastName: 'X' }],
        }),
        'A record to update carries no id',
      ],
      [
        'NOT_ACCEPTABLE',
        rest.send('GET', '/sobjects/Account/0015j0000000001AAA', undefined, { accept: 'application/xml' }),
        'The local emulator does not do this',
      ],
    ];
    for (const [code, reply, title] of refusals) {
      const { body } = await reply;
      // sObject Collections answer 200 with each record's result, its errors inside: pasted whole, as logged.
      const errors = Array.isArray(body) && body[0]?.errors ? body[0].errors : body;
      const pasted = JSON.stringify(body);
      assert.match(
        pasted,
        new RegExp(`"(?:errorCode|statusCode)":"${code}"`),
        `the emulator answered ${code}`,
      );
      const html = await explainPasted(records.stack, pasted);
      assert.equal(firstCard(html), title, pasted);
      // The message is shown whole: its own closing bracket or quote is no wrapper of the paste's.
      const message: string = errors[0].message;
      assert.ok(unescapeHtml(html).includes(`<code>${message}</code>`), `${message} is shown whole`);
    }
  });

  test("a composite call halted by another part is explained as halted, and a real org's refusals too", async () => {
    const { body } = await records.rest.post('/composite', {
      allOrNone: true,
      compositeRequest: [
        {
          method: 'POST',
          url: '/services/data/v66.0/sobjects/Account',
          referenceId: 'ok',
          body: { Name: 'K' },
        },
        { method: 'POST', url: '/services/data/v66.0/sobjects/Contact', referenceId: 'bad', body: {} },
      ],
    });
    const halted = JSON.stringify(body.compositeResponse[0].body);
    assert.match(halted, /PROCESSING_HALTED/);
    assert.equal(
      firstCard(await explainPasted(records.stack, halted)),
      'Stopped because another part of the call failed',
    );
    // Refusals only a real org gives (its sharing and locks), as jsforce prints them.
    for (const [pasted, title] of [
      [
        'INSUFFICIENT_ACCESS_OR_READONLY: insufficient access rights on object id',
        "The token's user may not change this record",
      ],
      [
        'UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record',
        'Someone else was changing the same records',
      ],
      [
        'DUPLICATE_VALUE: duplicate value found: External_Id__c duplicates value on record with id: 0015j00000AbCdE',
        'A unique field already holds this value',
      ],
      ['DUPLICATES_DETECTED: Use one of these records?', "The org's duplicate rules blocked the save"],
      [
        'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY: AccountTrigger: execution of AfterInsert caused by: System.NullPointerException',
        "The org's own automation failed on this save",
      ],
      [
        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: Industry: bad value for restricted picklist field: Tech',
        "A value is not one of the picklist's",
      ],
      ['ENTITY_IS_LOCKED: the entity is locked for editing', 'The record is locked'],
      [
        'INACTIVE_OWNER_OR_USER: operation performed with inactive user [0055j000000AbCd] as owner of [Account]',
        'A user the save involves is inactive',
      ],
      [
        "INVALID_CROSS_REFERENCE_KEY: Record Type ID: this ID value isn't valid for the user: 0125j000000AbCdAAK",
        'The record type is not one this user may use',
      ],
      [
        'JSON_PARSER_ERROR: A composite request can have at most 25 subrequests',
        'The composite call is not shaped as the API takes it',
      ],
      [
        'ALL_OR_NONE_OPERATION_ROLLED_BACK: Record rolled back because not all records were valid and the request was using AllOrNone header',
        'Rolled back because another record failed',
      ],
      [
        "PROCESSING_HALTED: Invalid reference specified. No value for bad.id found in bad. Provided referenceId ('bad') must refer to an earlier subrequest that succeeded.",
        'A subrequest refers to one that did not succeed',
      ],
    ])
      assert.equal(firstCard(await explainPasted(records.stack, pasted)), title, pasted);
  });
});
