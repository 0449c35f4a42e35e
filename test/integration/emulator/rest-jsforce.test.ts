// jsforce, unchanged, against the emulator: a token from a real web server flow, then describe, CRUD, queries
// that page with autoFetch, scanAll (queryAll), limits and identity, in a child process that trusts the
// emulator's certificate through NODE_EXTRA_CA_CERTS (never by turning verification off).
import assert from '../../support/assert.ts';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { loginAndGetToken } from '../../support/emulator-login.ts';
import { startTestStack, TEST_ROOT, type TestStack } from '../../support/stack.ts';

const run = promisify(execFile);

describe('emulator: driven by jsforce', () => {
  let stack: TestStack;
  // The child's JSON report: whatever jsforce returned, checked field by field below.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let report: any;

  before(async () => {
    stack = await startTestStack();
    const tokens = await loginAndGetToken(stack, { scope: 'api refresh_token' });
    const script = path.resolve(import.meta.dirname, '../../support/jsforce-client.ts');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script], {
      env: {
        ...process.env,
        NODE_EXTRA_CA_CERTS: path.join(TEST_ROOT, 'certs', 'server.crt'),
        INSTANCE_URL: tokens.instance_url,
        ACCESS_TOKEN: tokens.access_token,
      },
      maxBuffer: 10 * 1024 * 1024,
    });
    report = JSON.parse(stdout);
  });
  after(() => stack.close());

  test('describeGlobal and describe return the org objects and their fields', () => {
    assert.deepEqual(report.globalNames, [
      'Account',
      'Case',
      'Contact',
      'Opportunity',
      'Organization',
      'Profile',
      'User',
    ]);
    assert.equal(report.describe.name, 'Account');
    assert.equal(report.describe.keyPrefix, '001');
    assert.ok(report.describe.fields.includes('Name') && report.describe.fields.includes('OwnerId'));
  });

  test('sobject create, retrieve, update, upsert by Id and destroy succeed with their results', () => {
    const { created, retrievedName, updated, industry, upserted, destroyed } = report.crud;
    assert.equal(created.success, true);
    assert.match(created.id, /^001/);
    assert.equal(retrievedName, 'jsforce Test Co');
    assert.deepEqual(updated, { id: created.id, success: true, errors: [] });
    assert.equal(industry, 'Energy');
    assert.deepEqual(upserted, { id: created.id, success: true, errors: [], created: false });
    assert.deepEqual(destroyed, { id: created.id, success: true, errors: [] });
  });

  test('creating several records goes through sObject Collections, each with its own result', () => {
    const [ok, missing] = report.createMany;
    assert.equal(ok.success, true);
    assert.deepEqual(missing.errors, [
      {
        statusCode: 'REQUIRED_FIELD_MISSING',
        message: 'Required fields are missing: [LastName]',
        fields: ['LastName'],
      },
    ]);
    assert.ok(report.selectStar.includes('LastName') && report.selectStar.includes('AccountId'));
  });

  test('query with autoFetch follows nextRecordsUrl across pages to every record', () => {
    assert.deepEqual(report.autoFetch, { totalSize: 2501, fetched: 2501, distinct: 2501 });
  });

  test('scanAll (queryAll) sees the destroyed record with IsDeleted, a plain query does not', () => {
    assert.equal(report.queryAll.scanned.length, 1);
    assert.equal(report.queryAll.scanned[0].IsDeleted, true);
    assert.equal(report.queryAll.live, 0);
  });

  test('limits and limitInfo report the same daily API usage', () => {
    const { dailyApiRequests, limitInfo } = report.limits;
    assert.equal(dailyApiRequests.Max, 15000);
    assert.equal(limitInfo.apiUsage.limit, 15000);
    assert.equal(limitInfo.apiUsage.used, 15000 - dailyApiRequests.Remaining);
  });

  test('identity reads the identity URL the resources list names', () => {
    assert.equal(report.identity.username, stack.config.username);
    assert.equal(report.identity.organizationId, '00D5j00000PlAyGEAV');
  });
});
