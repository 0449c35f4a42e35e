// The emulator's ids are Salesforce ids: 15 characters and the three-letter case-safe suffix computed from them.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { caseSafeId, ORG_ID, orgUsers } from '../../../server/emulator/org.ts';
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

  test("the org's, the users' and the records' ids carry their own suffix", () => {
    for (const id of [
      ORG_ID,
      ...orgUsers('admin@playground.local').map((user) => user.id),
      makeId('001', 7),
    ]) {
      assert.equal(id.length, 18, id);
      assert.equal(caseSafeId(id.slice(0, 15)), id, id);
    }
    assert.equal(ORG_ID, '00D5j00000PlAyGEAV');
  });
});
