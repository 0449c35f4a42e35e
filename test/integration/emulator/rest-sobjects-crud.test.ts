// Contract tests for /sobjects records: create/read/update/delete, the fields the platform computes, and deleted
// records in the recycle bin, seen through queryAll.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { expectReply } from '../../support/rest.ts';
import { recordsStack } from '../../support/rest-records.ts';

describe('emulator: sObjects', () => {
  const records = recordsStack();

  test('creates, reads (all or ?fields=), updates and deletes a record; queryAll still sees it', async () => {
    const { rest } = records;
    const created = await rest.post('/sobjects/Account', { Name: 'Playground Test Co', Industry: 'Media' });
    assert.equal(created.status, 201);
    assert.deepEqual(Object.keys(created.body), ['id', 'success', 'errors']);
    const id = created.body.id as string;
    assert.match(id, /^001[a-zA-Z0-9]{15}$/);
    assert.equal(created.headers.get('location'), `/services/data/v66.0/sobjects/Account/${id}`);
    const read = await rest.get(`/sobjects/Account/${id}`);
    assert.equal(read.body.Name, 'Playground Test Co');
    assert.equal(read.body.OwnerId, '0055j00000AdMiNAAV');
    assert.equal(read.body.IsDeleted, false);
    assert.deepEqual(await rest.get(`/sobjects/Account/${id}?fields=Name,Industry`).then((r) => r.body), {
      attributes: { type: 'Account', url: `/services/data/v66.0/sobjects/Account/${id}` },
      Name: 'Playground Test Co',
      Industry: 'Media',
    });
    const updated = await rest.patch(`/sobjects/Account/${id}`, { Industry: 'Energy' });
    assert.equal(updated.status, 204);
    assert.equal(updated.body, undefined);
    assert.equal((await rest.get(`/sobjects/Account/${id}?fields=Industry`)).body.Industry, 'Energy');
    assert.equal((await rest.delete(`/sobjects/Account/${id}`)).status, 204);
    const deleted = [{ message: 'entity is deleted', errorCode: 'ENTITY_IS_DELETED', fields: [] }];
    await expectReply(rest.get(`/sobjects/Account/${id}`), 404, deleted);
    await expectReply(rest.patch(`/sobjects/Account/${id}`, { Industry: 'Media' }), 404, deleted);
    await expectReply(rest.delete(`/sobjects/Account/${id}`), 404, deleted);
    const soql = `SELECT Id, IsDeleted FROM Account WHERE Id = '${id}'`;
    assert.equal((await rest.query(soql)).body.totalSize, 0);
    assert.deepEqual((await rest.query(soql, {}, 'queryAll')).body.records[0].IsDeleted, true);
  });

  test('computes what the platform computes: Contact.Name, Case numbers, Opportunity stage flags', async () => {
    const { rest } = records;
    const contact = await rest.post('/sobjects/Contact', {
      FirstName: 'Grace',
      LastName: 'Hopper',
      AccountId: '0015j0000000002AAA',
    });
    assert.equal(
      (await rest.get(`/sobjects/Contact/${contact.body.id}?fields=Name`)).body.Name,
      'Grace Hopper',
    );
    const kase = await rest.post('/sobjects/Case', { Subject: 'Printer on fire', Status: 'Closed' });
    const caseRow = (await rest.get(`/sobjects/Case/${kase.body.id}?fields=CaseNumber,IsClosed,Priority`))
      .body;
    assert.match(caseRow.CaseNumber, /^\d{8}$/);
    assert.deepEqual([caseRow.IsClosed, caseRow.Priority], [true, 'Medium']);
    const deal = await rest.post('/sobjects/Opportunity', {
      Name: 'Big deal',
      StageName: 'Closed Won',
      CloseDate: '2026-06-30',
    });
    const dealRow = (
      await rest.get(`/sobjects/Opportunity/${deal.body.id}?fields=IsWon,IsClosed,Probability`)
    ).body;
    assert.deepEqual(dealRow, { ...dealRow, IsWon: true, IsClosed: true, Probability: 100 });
  });

  test('deleting an Account takes its Contacts to the recycle bin too', async () => {
    const { rest } = records;
    const account = await rest.post('/sobjects/Account', { Name: 'Short-lived Ltd.' });
    const contact = await rest.post('/sobjects/Contact', { LastName: 'Gone', AccountId: account.body.id });
    assert.equal((await rest.delete(`/sobjects/Account/${account.body.id}`)).status, 204);
    const binned = await rest.query(
      `SELECT IsDeleted FROM Contact WHERE Id = '${contact.body.id}'`,
      {},
      'queryAll',
    );
    assert.equal(binned.body.records[0].IsDeleted, true);
  });

  test('POST /sobjects/X/Id creates a record from API 37.0, as POST /sobjects/X does', async () => {
    const { rest } = records;
    const created = await rest.post('/sobjects/Account/Id', { Name: 'Created Through Id' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal((await rest.get(`/sobjects/Account/${created.body.id}`)).body.Name, 'Created Through Id');
    const before37 = await rest.send('POST', '/services/data/v36.0/sobjects/Account/Id', {
      Name: 'Too Early',
    });
    assert.equal(before37.status, 405);
    // An upsert by Id that finds its record answers 204 before API 46.0, its result after (rest-jsforce.test.ts).
    const path = `/sobjects/Account/Id/${created.body.id}`;
    assert.equal((await rest.send('PATCH', `/services/data/v45.0${path}`, { Phone: '1' })).status, 204);
    assert.deepEqual((await rest.patch(path, { Phone: '2' })).body, {
      id: created.body.id,
      success: true,
      errors: [],
      created: false,
    });
    // An upsert by Id without a value (jsforce's upsert(record, 'Id')) is a method the resource does not take.
    const upsert = await rest.patch('/sobjects/Account/Id/', { Name: 'Upsert By Id' });
    assert.equal(upsert.status, 405);
    assert.match(upsert.body[0].message, /^HTTP Method 'PATCH' not allowed\. Allowed are GET,HEAD,POST$/);
  });

  test('POST with ?_HttpMethod=PATCH updates, for clients that cannot send PATCH; other values stay a POST', async () => {
    const { rest } = records;
    const id = (await rest.post('/sobjects/Account', { Name: 'Tunnelled Co' })).body.id as string;
    const tunnelled = await rest.post(`/sobjects/Account/${id}?_HttpMethod=PATCH`, { Industry: 'Energy' });
    assert.equal(tunnelled.status, 204, JSON.stringify(tunnelled.body));
    assert.equal((await rest.get(`/sobjects/Account/${id}?fields=Industry`)).body.Industry, 'Energy');
    // Salesforce documents PATCH only: a DELETE asked this way is the POST the record row does not take.
    await expectReply(rest.post(`/sobjects/Account/${id}?_HttpMethod=DELETE`, {}), 405, [
      {
        message: "HTTP Method 'POST' not allowed. Allowed are GET,HEAD,PATCH,DELETE",
        errorCode: 'METHOD_NOT_ALLOWED',
      },
    ]);
  });
});
