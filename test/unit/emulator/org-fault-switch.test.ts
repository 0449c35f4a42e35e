// The emulator's "break it" switches: each applies once, and they belong to the latest attempt begun.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { ARMED_FAULT_LIFETIME_MS, OrgFaultSwitch } from '../../../server/emulator/orgControl.ts';

describe('org fault switch', () => {
  test('an armed fault applies to one request, then no more', () => {
    const faults = new OrgFaultSwitch(() => 0);
    faults.armFor('a', ['app-blocked']);
    assert.equal(faults.isArmed('app-blocked'), true);
    assert.equal(faults.take('app-blocked'), true);
    assert.equal(faults.take('app-blocked'), false);
  });

  test('a later attempt replaces the faults; an ended one takes back only its own', () => {
    const faults = new OrgFaultSwitch(() => 0);
    faults.armFor('a', ['ip-restricted']);
    faults.armFor('b', []);
    assert.equal(faults.take('ip-restricted'), false, 'b began without it');
    faults.armFor('c', ['require-secret']);
    faults.disarmFor('a');
    assert.equal(faults.isArmed('require-secret'), true, 'a has ended, c has not');
    faults.disarmFor('c');
    assert.equal(faults.isArmed('require-secret'), false);
  });

  test('a fault nobody reached expires', () => {
    let now = 0;
    const faults = new OrgFaultSwitch(() => now);
    faults.armFor('a', ['require-secret']);
    now += ARMED_FAULT_LIFETIME_MS - 1;
    assert.equal(faults.isArmed('require-secret'), true);
    now += 1;
    assert.equal(faults.take('require-secret'), false);
  });
});
