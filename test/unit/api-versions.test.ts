// The newest API version per instance, kept a day: known after a sign-in lists it, forgotten after the day, bounded.
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { ApiVersions } from '../../server/salesforce/apiVersions.ts';

const DAY_MS = 24 * 3600 * 1000;
const ORG = 'https://acme.my.salesforce.com';

describe('API versions listed per instance', () => {
  test('an instance is unknown until a sign-in lists it, then known with when it was listed', () => {
    let clock = 1_000;
    const versions = new ApiVersions(() => clock);
    assert.equal(versions.known(ORG), undefined);
    versions.learn(ORG, '66.0');
    clock += 5_000;
    assert.deepEqual(versions.known(ORG), { version: '66.0', listedAt: 1_000 });
    assert.equal(
      versions.known('https://other.my.salesforce.com'),
      undefined,
      'one instance tells nothing of another',
    );
  });

  test('a list a day old is asked again; a new listing replaces the old one', () => {
    let clock = 0;
    const versions = new ApiVersions(() => clock);
    versions.learn(ORG, '65.0');
    clock = DAY_MS - 1;
    assert.equal(versions.known(ORG)?.version, '65.0');
    clock = DAY_MS;
    assert.equal(versions.known(ORG), undefined);
    versions.learn(ORG, '66.0');
    assert.deepEqual(versions.known(ORG), { version: '66.0', listedAt: DAY_MS });
  });

  test('holds at most 50 instances, forgetting the one used longest ago', () => {
    const versions = new ApiVersions(() => 0);
    const instance = (i: number) => `https://org${i}.my.salesforce.com`;
    for (let i = 0; i < 51; i++) versions.learn(instance(i), '66.0');
    assert.equal(versions.known(instance(0)), undefined);
    for (let i = 1; i < 51; i++) assert.equal(versions.known(instance(i))?.version, '66.0', instance(i));
  });
});
