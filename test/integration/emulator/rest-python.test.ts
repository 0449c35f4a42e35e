// Contract checks from Python: requests, shaped like simple_salesforce's calls, against the emulator with a
// token from a real web server flow. Needs Debian's python3-requests (installed by .ci/run); in CI a missing
// module fails the test, elsewhere the test says how to install it and is skipped.
import assert from '../../support/assert.ts';
import { execFile, spawnSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { ADMIN_ID, STANDARD_ID } from '../../support/emulator-api.ts';
import { loginAndGetToken } from '../../support/emulator-login.ts';
import { startTestStack, TEST_ROOT, type TestStack } from '../../support/stack.ts';

/** Debian's interpreter: the one python3-requests installs into (a pyenv python3 on PATH may lack it). */
const PYTHON = '/usr/bin/python3';
const hasRequests = spawnSync(PYTHON, ['-c', 'import requests']).status === 0;
const MISSING = `${PYTHON} cannot import requests: apt-get install -y python3-requests`;

describe(
  'emulator: called like simple_salesforce from Python',
  { skip: !hasRequests && process.env.CI !== 'true' && MISSING },
  () => {
    let stack: TestStack;
    // The script's JSON report, checked field by field below.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let report: any;

    before(async () => {
      assert.ok(hasRequests, MISSING);
      stack = await startTestStack();
      const tokens = await loginAndGetToken(stack, { scope: 'api' });
      const script = path.resolve(import.meta.dirname, '../../support/python/simple_salesforce_calls.py');
      const { stdout } = await promisify(execFile)(PYTHON, [script], {
        env: {
          PATH: process.env.PATH,
          INSTANCE_URL: tokens.instance_url,
          ACCESS_TOKEN: tokens.access_token,
          USER_ID: STANDARD_ID,
          CA_FILE: path.join(TEST_ROOT, 'certs', 'server.crt'),
        },
        maxBuffer: 10 * 1024 * 1024,
      });
      report = JSON.parse(stdout);
    });
    after(() => stack?.close());

    test('describe, SFType metadata and describe answer at the URLs simple_salesforce builds', () => {
      assert.deepEqual(report.describe, [
        'Account',
        'Case',
        'Contact',
        'Opportunity',
        'Organization',
        'Profile',
        'User',
      ]);
      assert.deepEqual(report.metadata, ['objectDescribe', 'recentItems']);
      assert.equal(report.describe_contact, 'Contact');
    });

    test('create, get, update, upsert by Id and delete with json.dumps bodies; errors as a list with errorCode', () => {
      assert.equal(report.create.status, 201);
      assert.equal(report.create.body.success, true);
      assert.equal(report.get, 'Python');
      assert.equal(report.update_status, 204);
      assert.equal(report.delete_status, 204);
      assert.deepEqual(report.upsert_by_id, {
        status: 200,
        body: { id: report.create.body.id, success: true, errors: [], created: false },
      });
      assert.deepEqual(report.error, {
        status: 400,
        body: [
          {
            message: 'Required fields are missing: [LastName]',
            errorCode: 'REQUIRED_FIELD_MISSING',
            fields: ['LastName'],
          },
        ],
      });
    });

    test('set_password reaches the User password resource, which a real org has: not served, not a wrong method', () => {
      assert.equal(report.set_password.status, 404);
      assert.equal(report.set_password.body[0].errorCode, 'NOT_FOUND');
      assert.match(
        report.set_password.body[0].message,
        /^The sobjects\/User\/<id>\/password resource is not served by this local emulator/,
      );
    });

    test('query pages by nextRecordsUrl and by locator, queryAll includes the deleted record, is_sandbox, userinfo, limits', () => {
      assert.deepEqual(report.query_all_pages, { totalSize: 2500, fetched: 2500 });
      assert.deepEqual(report.include_deleted, [true]);
      assert.deepEqual(report.query_more_by_locator, { first: 2000, more: 501, done: true });
      assert.equal(report.is_sandbox, false);
      assert.equal(report.userinfo, ADMIN_ID);
      assert.equal(report.limits.Max, 15000);
      assert.deepEqual(report.api_usage, { used: 15000 - report.limits.Remaining, total: 15000 });
      assert.equal(report.cache_control, 'no-store');
    });
  },
);
