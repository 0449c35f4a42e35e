// Conditional requests, as Salesforce documents them: If-Modified-Since on the describes and on a record answers
// 304 with no body when nothing changed since; If-Unmodified-Since on a record refuses a change (412) made after
// it; If-None-Match is not answered as HTTP's default anywhere, and ETags, which the emulator does not make, are
// refused on an Account (where Salesforce uses them) instead of ignored.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { TestClient } from '../../support/http.ts';
import { loginAndGetToken } from '../../support/emulator-login.ts';
import { restStackForTests } from '../../support/rest.ts';

const LONG_AGO = 'Sat, 01 Jan 2000 00:00:00 GMT';
const FAR_AHEAD = 'Fri, 01 Jan 2100 00:00:00 GMT';

describe('emulator: conditional REST requests', () => {
  const made = restStackForTests();

  test('the describes answer 304 with no body when the metadata has not changed since the date', async () => {
    for (const path of ['/sobjects', '/sobjects/Account/describe']) {
      const unchanged = await made.rest.get(path, { 'if-modified-since': FAR_AHEAD });
      assert.equal(unchanged.status, 304, path);
      assert.equal(unchanged.body, undefined);
      const changed = await made.rest.get(path, { 'if-modified-since': LONG_AGO });
      assert.equal(changed.status, 200, path);
      // The documented format with a zone name, and a date that does not parse (ignored: the full answer).
      const zoned = await made.rest.get(path, { 'if-modified-since': 'Mon, 30 Nov 2099 08:34:54 MST' });
      assert.equal(zoned.status, 304, path);
      const garbled = await made.rest.get(path, { 'if-modified-since': 'yesterday' });
      assert.equal(garbled.status, 200, path);
    }
  });

  test('a record answers 304 until it is modified after the date, or the emulator is reset', async () => {
    const { body } = await made.rest.query('SELECT Id FROM Account LIMIT 1');
    const path = `/sobjects/Account/${body.records[0].Id}`;
    const unchanged = await made.rest.get(path, { 'if-modified-since': FAR_AHEAD });
    assert.equal(unchanged.status, 304);
    assert.equal(unchanged.body, undefined);
    assert.equal((await made.rest.get(path, { 'if-modified-since': LONG_AGO })).status, 200);
    // Unknown ?fields= names are refused whatever the date says.
    const badField = await made.rest.get(`${path}?fields=Nope`, { 'if-modified-since': FAR_AHEAD });
    assert.equal(badField.status, 400);
    // A second after the emulator started, at least: the date below is then after its start, to the second.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const beforeChange = new Date(Date.now() - 1000).toUTCString();
    assert.equal((await made.rest.get(path, { 'if-modified-since': beforeChange })).status, 304);
    assert.equal((await made.rest.patch(path, { Description: 'changed' })).status, 204);
    const after = await made.rest.get(path, { 'if-modified-since': beforeChange });
    assert.equal(after.status, 200);
    assert.equal(after.body.Description, 'changed');
    // A reset brings the sample record back with its old date: a copy cached before must not be called current.
    const beforeReset = new Date(Date.now() - 1000).toUTCString();
    made.stack.emulator?.context.state.reset();
    made.rest.token = (await loginAndGetToken(made.stack, { scope: 'api' })).access_token;
    const reset = await made.rest.get(path, { 'if-modified-since': beforeReset });
    assert.equal(reset.status, 200);
    assert.equal(reset.body.Description, null);
  });

  test('If-None-Match: * is not answered 304 (Salesforce documents it for Account ETags only)', async () => {
    const { body } = await made.rest.query('SELECT Id FROM Contact LIMIT 1');
    for (const path of ['/sobjects', `/sobjects/Contact/${body.records[0].Id}`, '/services/data/']) {
      const reply = await made.rest.get(path, { 'if-none-match': '*' });
      assert.equal(reply.status, 200, path);
      assert.ok(reply.body, path);
    }
    const discovery = await new TestClient().get(
      `${made.stack.emulatorUrl}/.well-known/openid-configuration`,
      {
        'if-none-match': '*',
      },
    );
    assert.equal(discovery.status, 200);
  });

  test('If-Unmodified-Since: a record changed after the date is neither updated nor read (412); DELETE ignores it', async () => {
    const created = await made.rest.post('/sobjects/Contact', { LastName: 'Precondition' });
    assert.equal(created.status, 201);
    const path = `/sobjects/Contact/${created.body.id}`;
    const refused = await made.rest.patch(
      path,
      { LastName: 'Overwritten' },
      { 'if-unmodified-since': LONG_AGO },
    );
    assert.equal(refused.status, 412);
    assert.equal(refused.body[0].errorCode, 'PRECONDITION_FAILED');
    assert.equal((await made.rest.get(path)).body.LastName, 'Precondition', 'nothing was written');
    assert.equal((await made.rest.get(path, { 'if-unmodified-since': LONG_AGO })).status, 412);
    // Not changed since: the update goes through. A date that does not parse is a 400 on a PATCH.
    assert.equal(
      (await made.rest.patch(path, { LastName: 'Kept' }, { 'if-unmodified-since': FAR_AHEAD })).status,
      204,
    );
    const garbled = await made.rest.patch(path, { LastName: 'x' }, { 'if-unmodified-since': 'yesterday' });
    assert.equal(garbled.status, 400);
    assert.equal((await made.rest.get(path)).body.LastName, 'Kept');
    assert.equal((await made.rest.delete(path, { 'if-unmodified-since': LONG_AGO })).status, 204);
  });

  test('If-Match on an Account is refused as an emulator limit (it makes no ETags), not ignored', async () => {
    const { body } = await made.rest.query('SELECT Id FROM Account LIMIT 1');
    const path = `/sobjects/Account/${body.records[0].Id}`;
    const refused = await made.rest.patch(path, { Description: 'lost update' }, { 'if-match': '"abc"' });
    assert.equal(refused.status, 400);
    assert.match(
      refused.body[0].message,
      /^If-Match compares ETags, which this local emulator does not make \(an emulator limit\)/,
    );
    assert.notEqual((await made.rest.get(path)).body.Description, 'lost update');
  });
});
