// Contract tests for /sobjects records on disk: written records survive a restart in a private file until a reset,
// and a corrupt records file is kept aside while the emulator starts from its seed.
import assert from '../../support/assert.ts';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { loginAndGetToken } from '../../support/emulator-login.ts';
import { RestTestClient } from '../../support/rest.ts';
import { recordsStack } from '../../support/rest-records.ts';
import { startTestStack } from '../../support/stack.ts';

describe('emulator: sObjects', () => {
  const records = recordsStack();

  test('keeps written records across a restart, in a private file, until the emulator is reset', async () => {
    const { dataDir } = records;
    let { stack, rest } = records;
    const created = await rest.post('/sobjects/Account', { Name: 'Survives Restarts Inc.' });
    await stack.close();
    assert.equal(statSync(path.join(dataDir, 'rest-records.json')).mode & 0o777, 0o600);
    stack = await startTestStack({ EMULATOR_DATA_DIR: dataDir });
    records.stack = stack;
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

  for (const [what, content] of [
    ['corrupt', '{"version": 1, "records": ['],
    ['of another shape (a later version, say)', '{"version": 2, "records": [{"Id": "0015j1000000001AAA"}]}'],
    // Edited by hand: a counter past what an id's 9 digits hold made ids of 200 characters; a value no field holds.
    ['counting past what an id can hold', '{"version": 1, "nextNumber": 1e300, "records": []}'],
    [
      'holding a value no field can',
      '{"version": 1, "records": [{"Id": "0015j1000000002AAA", "Name": {"x": 1}}]}',
    ],
  ]) {
    test(`starts from the seed when its records file is ${what}, keeping the file aside`, async () => {
      const otherDir = mkdtempSync(path.join(os.tmpdir(), 'sf-rest-corrupt-'));
      writeFileSync(path.join(otherDir, 'rest-records.json'), content);
      const other = await startTestStack({ EMULATOR_DATA_DIR: otherDir });
      try {
        const client = new RestTestClient(
          other.instanceUrl,
          (await loginAndGetToken(other, { scope: 'api' })).access_token,
        );
        assert.equal((await client.query('SELECT COUNT() FROM Account')).body.totalSize, 40);
        assert.match((await client.post('/sobjects/Account', { Name: 'New' })).body.id, /^001\w{15}$/);
        const kept = readdirSync(otherDir).filter((name) => name.startsWith('rest-records.json.corrupt-'));
        assert.equal(kept.length, 1);
        assert.equal(readFileSync(path.join(otherDir, kept[0]), 'utf8'), content);
      } finally {
        await other.close();
        rmSync(otherDir, { recursive: true, force: true });
      }
    });
  }
});
