// Deleting an Account in the emulator: its Contacts and Opportunities go with it, as its describe says
// (cascadeDelete), and one that cases still point to is refused.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { restClientFor, type RestTestClient } from '../../support/rest.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('emulator: deleting an Account', () => {
  let stack: TestStack;
  let rest: RestTestClient;
  const create = async (object: string, fields: Record<string, unknown>) => {
    const { status, body } = await rest.post(`/sobjects/${object}`, fields);
    assert.equal(status, 201, JSON.stringify(body));
    return (body as unknown as { id: string }).id;
  };
  const isDeleted = async (object: string, id: string) =>
    (await rest.query(`SELECT IsDeleted FROM ${object} WHERE Id = '${id}'`, {}, 'queryAll')).body.records[0]
      .IsDeleted;

  before(async () => {
    stack = await startTestStack();
    rest = await restClientFor(stack);
  });
  after(() => stack.close());

  test('describe says which children a delete takes along, and the delete does exactly that', async () => {
    const { body } = await rest.get('/sobjects/Account/describe');
    const cascades = Object.fromEntries(
      (body.childRelationships as { relationshipName: string; cascadeDelete: boolean }[]).map((child) => [
        child.relationshipName,
        child.cascadeDelete,
      ]),
    );
    assert.deepEqual(cascades, { Contacts: true, Cases: false, Opportunities: true });

    const account = await create('Account', { Name: 'Cascade Test' });
    const contact = await create('Contact', { LastName: 'Child', AccountId: account });
    const opportunity = await create('Opportunity', {
      Name: 'Child deal',
      StageName: 'Prospecting',
      CloseDate: '2030-01-01',
      AccountId: account,
    });
    const elsewhere = await create('Contact', { LastName: 'Unrelated' });
    assert.equal((await rest.delete(`/sobjects/Account/${account}`)).status, 204);
    assert.equal(await isDeleted('Contact', contact), true);
    assert.equal(await isDeleted('Opportunity', opportunity), true);
    assert.equal(await isDeleted('Contact', elsewhere), false);
  });

  test('an Account that a case points to is not deleted, nor are its children', async () => {
    const account = await create('Account', { Name: 'Has a case' });
    const contact = await create('Contact', { LastName: 'Stays', AccountId: account });
    await create('Case', { Subject: 'Open question', AccountId: account });
    const refused = await rest.delete(`/sobjects/Account/${account}`);
    assert.equal(refused.status, 400);
    assert.equal((refused.body as unknown as { errorCode: string }[])[0].errorCode, 'DELETE_FAILED');
    assert.equal(await isDeleted('Contact', contact), false);
  });
});
