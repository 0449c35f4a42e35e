// The emulator's "break it" switches: each applies once; a login's wait for its own state, a direct flow's belong to
// the latest attempt begun.
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

  test("a login's faults wait for its own state, whatever other requests and attempts come first", () => {
    const faults = new OrgFaultSwitch(() => 0);
    faults.armFor('waiting', ['ip-restricted', 'app-blocked'], 'state-of-the-login');
    assert.equal(faults.take('ip-restricted'), false, 'a request of no login');
    assert.equal(faults.take('ip-restricted', 'state-of-another-login'), false);
    faults.armFor('direct', ['admin-approved-no-profile']);
    faults.armFor('next', []);
    assert.equal(faults.take('admin-approved-no-profile'), false, 'replaced by the next attempt');
    assert.equal(faults.isArmed('ip-restricted', 'state-of-the-login'), true, 'not replaced');
    assert.equal(faults.take('ip-restricted', 'state-of-the-login'), true);
    assert.equal(faults.take('ip-restricted', 'state-of-the-login'), false, 'once');
    faults.disarmFor('waiting');
    assert.equal(faults.take('app-blocked', 'state-of-the-login'), false, 'the login has ended');
  });

  test('a request of a login still meets the faults of the next direct attempt', () => {
    const faults = new OrgFaultSwitch(() => 0);
    faults.armFor('direct', ['ip-restricted']);
    assert.equal(faults.take('ip-restricted', 'any-state'), true);
  });

  test('a fault nobody reached expires', () => {
    let now = 0;
    const faults = new OrgFaultSwitch(() => now);
    faults.armFor('b', ['require-secret'], 'waiting');
    faults.armOnce(['require-secret']);
    now += ARMED_FAULT_LIFETIME_MS - 1;
    assert.equal(faults.isArmed('require-secret'), true);
    assert.equal(faults.isArmed('require-secret', 'waiting'), true);
    now += 1;
    assert.equal(faults.take('require-secret'), false);
    assert.equal(faults.take('require-secret', 'waiting'), false);
  });
});
