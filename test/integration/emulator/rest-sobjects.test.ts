// Contract tests for /sobjects records: create/read/update/delete with Salesforce's validation
// errors, the recycle bin seen through queryAll, and written records surviving a restart until a reset.
import assert from '../../support/assert.ts';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loginAndGetToken } from '../../support/emulator-login.ts';
import { expectReply, restClientFor, RestTestClient } from '../../support/rest.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('emulator: sObjects', () => {
  let stack: TestStack;
  let rest: RestTestClient;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sf-rest-records-'));

  before(async () => {
    stack = await startTestStack({ EMULATOR_DATA_DIR: dataDir });
    rest = await restClientFor(stack);
  });
  after(async () => {
    await stack.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('creates, reads (all or ?fields=), updates and deletes a record; queryAll still sees it', async () => {
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

  test("refuses bad writes with Salesforce's error codes, messages and fields", async () => {
    await expectReply(rest.post('/sobjects/Contact', { FirstName: 'Nameless' }), 400, [
      {
        message: 'Required fields are missing: [LastName]',
        errorCode: 'REQUIRED_FIELD_MISSING',
        fields: ['LastName'],
      },
    ]);
    await expectReply(rest.post('/sobjects/Opportunity', {}), 400, [
      {
        message: 'Required fields are missing: [Name, StageName, CloseDate]',
        errorCode: 'REQUIRED_FIELD_MISSING',
        fields: ['Name', 'StageName', 'CloseDate'],
      },
    ]);
    await expectReply(rest.post('/sobjects/Account', { Name: 'X', Colour: 'blue' }), 400, [
      { message: "No such column 'Colour' on sobject of type Account", errorCode: 'INVALID_FIELD' },
    ]);
    await expectReply(
      rest.post('/sobjects/Account', { Name: 'X', CreatedDate: '2020-01-01T00:00:00Z', IsDeleted: true }),
      400,
      [
        {
          message:
            'Unable to create/update fields: CreatedDate, IsDeleted. Please check the security settings of this field and verify that it is read/write for your profile or permission set.',
          errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
          fields: ['CreatedDate', 'IsDeleted'],
        },
      ],
    );
    await expectReply(
      rest.post('/sobjects/Opportunity', {
        Name: 'Refund',
        StageName: 'Prospecting',
        CloseDate: '2026-01-31',
        Amount: -5,
      }),
      400,
      [
        {
          message: 'Amount cannot be negative.',
          errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
          fields: ['Amount'],
        },
      ],
    );
    await expectReply(rest.patch('/sobjects/Contact/0035j0000000001AAA', { Email: 'not-an-address' }), 400, [
      {
        message: 'Email: invalid email address: not-an-address',
        errorCode: 'INVALID_EMAIL_ADDRESS',
        fields: ['Email'],
      },
    ]);
    await expectReply(rest.patch('/sobjects/Contact/0035j0000000001AAA', { Title: 't'.repeat(129) }), 400, [
      {
        message: `Title: data value too large: ${'t'.repeat(129)} (max length=128)`,
        errorCode: 'STRING_TOO_LONG',
        fields: ['Title'],
      },
    ]);
    const lookup = (AccountId: string) => rest.patch('/sobjects/Contact/0035j0000000001AAA', { AccountId });
    assert.deepEqual((await lookup('nope')).body[0].errorCode, 'MALFORMED_ID');
    assert.deepEqual((await lookup('0055j00000AdMiNAAV')).body, [
      {
        message: 'Account ID: id value of incorrect type: 0055j00000AdMiNAAV',
        errorCode: 'FIELD_INTEGRITY_EXCEPTION',
        fields: ['AccountId'],
      },
    ]);
    assert.deepEqual((await lookup('0015j0000000999AAA')).body[0].errorCode, 'INVALID_CROSS_REFERENCE_KEY');
    assert.equal(
      (await rest.patch('/sobjects/Account/0015j0000000001AAA', { NumberOfEmployees: 'many' })).body[0]
        .errorCode,
      'JSON_PARSER_ERROR',
    );
    assert.equal(
      (await rest.send('POST', '/sobjects/Account', '{"Name": ')).body[0].errorCode,
      'JSON_PARSER_ERROR',
    );
    const withCases = await rest.delete('/sobjects/Account/0015j0000000001AAA');
    assert.equal(withCases.status, 400);
    assert.equal(withCases.body[0].errorCode, 'DELETE_FAILED');
    await expectReply(rest.delete('/sobjects/Account'), 405, [
      {
        message: "HTTP Method 'DELETE' not allowed. Allowed are GET,HEAD,POST",
        errorCode: 'METHOD_NOT_ALLOWED',
      },
    ]);
    assert.equal(
      (await rest.post('/sobjects/User', { LastName: 'X' })).body[0].errorCode,
      'INVALID_TYPE_FOR_OPERATION',
    );
  });

  test('keeps dates within Salesforce’s range, 1700-01-01 to 4000-12-31, and stores a datetime as its UTC day', async () => {
    const create = (CloseDate: string) =>
      rest.post('/sobjects/Opportunity', { Name: 'Dated', StageName: 'Prospecting', CloseDate });
    for (const [sent, stored] of [
      ['1700-01-01', '1700-01-01'],
      ['4000-12-31', '4000-12-31'],
      ['2026-06-30T23:30:00-05:00', '2026-07-01'],
    ]) {
      const created = await create(sent);
      assert.equal(created.status, 201, sent);
      const read = await rest.get(`/sobjects/Opportunity/${created.body.id}?fields=CloseDate`);
      assert.equal(read.body.CloseDate, stored, sent);
      assert.equal((await rest.delete(`/sobjects/Opportunity/${created.body.id}`)).status, 204);
    }
    for (const sent of [
      '1699-12-31',
      '4001-01-01',
      '9999-12-31T23:00:00-23:00',
      '0000-01-01T00:00:00+23:00',
    ]) {
      const refused = await create(sent);
      assert.equal(refused.status, 400, sent);
      assert.equal(refused.body[0].errorCode, 'JSON_PARSER_ERROR', sent);
    }
  });

  test('deleting an Account takes its Contacts to the recycle bin too', async () => {
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

  test('keeps written records across a restart, in a private file, until the emulator is reset', async () => {
    const created = await rest.post('/sobjects/Account', { Name: 'Survives Restarts Inc.' });
    await stack.close();
    assert.equal(statSync(path.join(dataDir, 'rest-records.json')).mode & 0o777, 0o600);
    stack = await startTestStack({ EMULATOR_DATA_DIR: dataDir });
    rest.token = (await loginAndGetToken(stack, { scope: 'api' })).access_token;
    rest = new RestTestClient(stack.instanceUrl, rest.token);
    assert.equal(
      (await rest.get(`/sobjects/Account/${created.body.id}?fields=Name`)).body.Name,
      'Survives Restarts Inc.',
    );
    stack.emulator?.context.state.reset();
    rest.token = (await loginAndGetToken(stack, { scope: 'api' })).access_token;
    assert.equal((await rest.get(`/sobjects/Account/${created.body.id}`)).status, 404);
    assert.equal((await rest.query('SELECT COUNT() FROM Account')).body.totalSize, 40);
  });

  test('starts from the seed when its records file is corrupt, keeping the bad file aside', async () => {
    const otherDir = mkdtempSync(path.join(os.tmpdir(), 'sf-rest-corrupt-'));
    writeFileSync(path.join(otherDir, 'rest-records.json'), '{"version": 1, "records": [');
    const other = await startTestStack({ EMULATOR_DATA_DIR: otherDir });
    try {
      const client = new RestTestClient(
        other.instanceUrl,
        (await loginAndGetToken(other, { scope: 'api' })).access_token,
      );
      assert.equal((await client.query('SELECT COUNT() FROM Account')).body.totalSize, 40);
      assert.equal(
        readdirSync(otherDir).filter((name) => name.startsWith('rest-records.json.corrupt-')).length,
        1,
      );
    } finally {
      await other.close();
      rmSync(otherDir, { recursive: true, force: true });
    }
  });
});
