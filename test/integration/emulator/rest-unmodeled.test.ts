// What a real org has and the emulator leaves out: a standard object it does not model keeps Salesforce's error code
// and says it is the emulator's limit, in SOQL, describe and sObject Collections; the standard fields tutorials use
// are there.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { restStackForTests } from '../../support/rest.ts';

describe('emulator: what it does not model, said as its own limit', () => {
  const made = restStackForTests();

  test('a standard object it does not model, and the standard fields it has', async () => {
    const lead = await made.rest.query('SELECT Id FROM Lead');
    assert.equal(lead.body[0].errorCode, 'INVALID_TYPE');
    assert.match(
      lead.body[0].message,
      /\(Local emulator: Lead is a standard object of most orgs \(some only with their feature on\), which this emulator does not model/,
    );
    const leadDescribe = await made.rest.get('/sobjects/Lead/describe');
    assert.equal(leadDescribe.status, 404);
    assert.match(leadDescribe.body[0].message, /Lead is a standard object of most orgs/);
    const leadRecord = await made.rest.post('/composite/sobjects', {
      records: [{ attributes: { type: 'Lead' }, LastName: 'L', Company: 'C' }],
    });
    assert.match(
      leadRecord.body[0].errors[0].message,
      /^sObject type 'Lead' is not supported\. \(Local emulator:/,
    );
    assert.match(
      (await made.rest.get('/sobjects/Task')).body[0].message,
      /^The sobjects\/Task resource is not served by this local emulator/,
    );
    // Standard fields that tutorials use are there (empty in the sample records unless set).
    const fields = await made.rest.query(
      'SELECT Description, BillingState, ShippingCity FROM Account LIMIT 1',
    );
    assert.equal(fields.status, 200, JSON.stringify(fields.body));
    const contactFields = await made.rest.query(
      'SELECT MailingCity, Birthdate, Department FROM Contact LIMIT 1',
    );
    assert.equal(contactFields.status, 200, JSON.stringify(contactFields.body));
  });
});
