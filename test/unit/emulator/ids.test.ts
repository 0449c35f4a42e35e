// The emulator's ids are Salesforce ids: 15 characters and the three-letter case-safe suffix computed from them.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { caseSafeId } from '../../../server/emulator/ids.ts';
import { ORG_ID, orgUsers } from '../../../server/emulator/org.ts';
import { makeId } from '../../../server/emulator/rest/seed.ts';

describe('ids', () => {
  test('the suffix is computed as Salesforce computes it, checked on ids from real orgs', () => {
    for (const real of [
      '00D260000001G7lEAE',
      '00526000004wk0wAAA',
      '003RO0000035WQgYAM',
      '01gRO0000016PIAYA2',
    ]) {
      assert.equal(caseSafeId(real.slice(0, 15)), real);
    }
  });

  test("the org's, the users' and the records' ids carry their own suffix, worked out by hand", () => {
    // PlAyG: P, A and G are upper case, bits 0, 2 and 4 (21, V); AdMiN, StAnD and InAcT the same.
    assert.equal(ORG_ID, '00D5j00000PlAyGEAV');
    assert.deepEqual(
      orgUsers('admin@playground.local').map((user) => user.id),
      ['0055j00000AdMiNAAV', '0055j00000StAnDAAV', '0055j00000InAcTAAV'],
    );
    assert.equal(makeId('001', 7), '0015j0000000007AAA', 'no upper case letter: AAA');
  });
});
