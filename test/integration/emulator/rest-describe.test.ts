// Contract tests for sObject metadata: the global describe, basic information and the full describe, compared
// key for key with Salesforce's shapes, and the errors around them.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { DESCRIBE_KEYS, FIELD_KEYS, GLOBAL_KEYS } from '../../support/describeKeys.ts';
import { expectReply, restClientFor, RestTestClient } from '../../support/rest.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('emulator: sObject describe', () => {
  let stack: TestStack;
  let rest: RestTestClient;

  before(async () => {
    stack = await startTestStack();
    rest = await restClientFor(stack);
  });
  after(() => stack.close());

  test('describes all objects with the 28 keys of a global describe entry', async () => {
    const { body } = await rest.get('/sobjects');
    assert.equal(body.encoding, 'UTF-8');
    assert.equal(body.maxBatchSize, 200);
    const names = body.sobjects.map((s: { name: string }) => s.name);
    assert.deepEqual(names, ['Account', 'Case', 'Contact', 'Opportunity', 'Organization', 'Profile', 'User']);
    for (const entry of body.sobjects) assert.deepEqual(Object.keys(entry), GLOBAL_KEYS);
    assert.deepEqual(body.sobjects[2].urls, {
      rowTemplate: '/services/data/v66.0/sobjects/Contact/{ID}',
      defaultValues: '/services/data/v66.0/sobjects/Contact/defaultValues?recordTypeId&fields',
      describe: '/services/data/v66.0/sobjects/Contact/describe',
      sobject: '/services/data/v66.0/sobjects/Contact',
    });
  });

  test('answers /sobjects/X with basic information and /sobjects/X/describe with fields and relationships', async () => {
    const basic = await rest.get('/sobjects/Account/');
    assert.deepEqual(Object.keys(basic.body), ['objectDescribe', 'recentItems']);
    assert.deepEqual(Object.keys(basic.body.objectDescribe), GLOBAL_KEYS);
    const { status, body } = await rest.get('/sobjects/account/describe');
    assert.equal(status, 200);
    assert.equal(body.name, 'Account');
    assert.deepEqual(Object.keys(body), DESCRIBE_KEYS);
    for (const field of body.fields) assert.deepEqual(Object.keys(field), FIELD_KEYS, field.name);
    const name = body.fields.find((f: { name: string }) => f.name === 'Name');
    assert.deepEqual(
      {
        type: name.type,
        length: name.length,
        nillable: name.nillable,
        createable: name.createable,
        soapType: name.soapType,
      },
      { type: 'string', length: 255, nillable: false, createable: true, soapType: 'xsd:string' },
    );
    const contacts = body.childRelationships.find(
      (r: { relationshipName: string }) => r.relationshipName === 'Contacts',
    );
    assert.deepEqual([contacts.childSObject, contacts.field], ['Contact', 'AccountId']);
    const owner = body.fields.find((f: { name: string }) => f.name === 'OwnerId');
    assert.deepEqual(
      [owner.type, owner.referenceTo, owner.relationshipName],
      ['reference', ['User'], 'Owner'],
    );
    await expectReply(rest.post('/sobjects/Account/describe', {}), 405, [
      { message: "HTTP Method 'POST' not allowed. Allowed are GET,HEAD", errorCode: 'METHOD_NOT_ALLOWED' },
    ]);
    await expectReply(rest.get('/sobjects/Nope/describe'), 404, [
      { message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' },
    ]);
  });
});
