// Contract tests for /sobjects writes Salesforce refuses: its validation errors (codes, messages and fields),
// dates outside 1700-01-01 to 4000-12-31, and text stored trimmed.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { expectReply } from '../../support/rest.ts';
import { recordsStack } from '../../support/rest-records.ts';

describe('emulator: sObjects', () => {
  const records = recordsStack();

  test("refuses bad writes with Salesforce's error codes, messages and fields", async () => {
    const { rest } = records;
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
      {
        message:
          "No such column 'Colour' on sobject of type Account (Local emulator: it keeps only some of Account's standard fields, listed by GET /sobjects/Account/describe: if a real org has Colour, this emulator leaves it out.)",
        errorCode: 'INVALID_FIELD',
      },
    ]);
    // A record read with its parent's fields, or its children, and written back: the relationship is named, and a
    // parent that can be set is set through its Id field (CreatedBy cannot be set at all).
    const noSuchColumn = (name: string, object: string, note: string) => [
      {
        message: `No such column '${name}' on sobject of type ${object} (Local emulator: ${note}.)`,
        errorCode: 'INVALID_FIELD',
      },
    ];
    const parent = { attributes: { type: 'Account' }, Name: 'Acme Inc.' };
    await expectReply(
      rest.post('/sobjects/Contact', { LastName: 'Kid', Account: parent }),
      400,
      noSuchColumn(
        'Account',
        'Contact',
        'Account is a relationship to a parent record, not a field: leave it out (to set the parent, set AccountId to its Id)',
      ),
    );
    await expectReply(
      rest.post('/sobjects/Contact', { LastName: 'Kid', CreatedBy: { Name: 'Ada' } }),
      400,
      noSuchColumn(
        'CreatedBy',
        'Contact',
        'CreatedBy is a relationship to a parent record, not a field: leave it out',
      ),
    );
    await expectReply(
      rest.post('/sobjects/Account', { Name: 'X', Contacts: { records: [] } }),
      400,
      noSuchColumn(
        'Contacts',
        'Account',
        'Contacts is a relationship to child records, not a field: leave it out, and write those records with calls of their own',
      ),
    );
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

  test('stores text without its leading and trailing whitespace, as Salesforce does: a blank required field is missing', async () => {
    const { rest } = records;
    await expectReply(rest.post('/sobjects/Account', { Name: ' \t\n ' }), 400, [
      {
        message: 'Required fields are missing: [Name]',
        errorCode: 'REQUIRED_FIELD_MISSING',
        fields: ['Name'],
      },
    ]);
    const created = await rest.post('/sobjects/Contact', {
      LastName: '  Padded  ',
      Email: ' padded@example.com\n',
      // A no-break space is not whitespace to Java's String.trim(): it stays.
      Title: '\u00a0Kept\u00a0',
    });
    assert.equal(created.status, 201);
    const read = await rest.get(`/sobjects/Contact/${created.body.id}?fields=LastName,Email,Title`);
    assert.equal(read.body.LastName, 'Padded');
    assert.equal(read.body.Email, 'padded@example.com');
    assert.equal(read.body.Title, '\u00a0Kept\u00a0');
    const found = await rest.query("SELECT Id FROM Contact WHERE LastName = 'Padded'");
    assert.equal(found.body.totalSize, 1);
    const patched = await rest.patch(`/sobjects/Contact/${created.body.id}`, { LastName: 'Trimmed again ' });
    assert.equal(patched.status, 204);
    const again = await rest.get(`/sobjects/Contact/${created.body.id}?fields=LastName`);
    assert.equal(again.body.LastName, 'Trimmed again');
    assert.equal((await rest.delete(`/sobjects/Contact/${created.body.id}`)).status, 204);
    // A body in a charset the server does not read is told as such, not as JSON that does not parse.
    const latin = await rest.send('POST', '/sobjects/Contact', '{"LastName":"Ol\u00e9"}', {
      'content-type': 'application/json; charset=ISO-8859-1',
    });
    assert.equal(latin.status, 415);
    assert.match(latin.body[0].message, /charset this server does not read: send it as UTF-8/);
  });

  test('keeps dates within Salesforce’s range, 1700-01-01 to 4000-12-31, and stores a datetime as its UTC day', async () => {
    const { rest } = records;
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
});
