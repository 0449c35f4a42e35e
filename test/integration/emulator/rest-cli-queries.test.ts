// The queries the sf CLI makes after a login and for `org list users`, answered as a real org answers them (they
// failed on a missing column or object, which the CLI hides, leaving its org and user details blank).
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { restStackForTests } from '../../support/rest.ts';

describe('emulator: what the sf CLI asks', () => {
  const made = restStackForTests();

  test('the org lookup at every login, TrialExpirationDate included (null outside trial orgs)', async () => {
    const org = await made.rest.query(
      'SELECT Name, InstanceName, IsSandbox, TrialExpirationDate, NamespacePrefix, OrganizationType FROM Organization',
    );
    assert.equal(org.status, 200, JSON.stringify(org.body));
    assert.equal(org.body.records[0].TrialExpirationDate, null);
    assert.equal(org.body.records[0].OrganizationType, 'Developer Edition');
  });

  test("users' profiles: User.ProfileId, the Profile object, and Profile.Name through the relationship", async () => {
    const users = await made.rest.query('SELECT username, profileid, id FROM User');
    assert.equal(users.status, 200, JSON.stringify(users.body));
    const profiles = await made.rest.query('SELECT id, name FROM Profile ORDER BY Name');
    assert.deepEqual(
      profiles.body.records.map((p: { Name: string }) => p.Name),
      ['Standard User', 'System Administrator'],
    );
    const names = new Map(profiles.body.records.map((p: { Id: string; Name: string }) => [p.Id, p.Name]));
    const byUser = new Map(
      users.body.records.map((u: { Username: string; ProfileId: string }) => [
        u.Username,
        names.get(u.ProfileId),
      ]),
    );
    assert.equal(byUser.get('admin@playground.local'), 'System Administrator');
    assert.equal(byUser.get('standard@playground.local'), 'Standard User');
    const joined = await made.rest.query(
      "SELECT Profile.Name FROM User WHERE Username = 'admin@playground.local'",
    );
    assert.equal(joined.body.records[0].Profile.Name, 'System Administrator');
    assert.equal((await made.rest.get('/sobjects/Profile/describe')).body.name, 'Profile');
  });
});
