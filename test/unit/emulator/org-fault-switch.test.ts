// The emulator's "break it" switches: each applies once, and none outlives the attempt that armed it.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { ARMED_FAULT_LIFETIME_MS, OrgFaultSwitch } from '../../../server/emulator/orgControl.ts';

describe('org fault switch', () => {
  test('an armed fault applies to one request, then no more', () => {
    const faults = new OrgFaultSwitch(() => 0);
    faults.armOnce(['app-blocked']);
    assert.equal(faults.isArmed('app-blocked'), true);
    assert.equal(faults.take('app-blocked'), true);
    assert.equal(faults.take('app-blocked'), false);
  });

  test('disarm takes back what the ended attempt never reached; expiry does for an abandoned login page', () => {
    let now = 0;
    const faults = new OrgFaultSwitch(() => now);
    faults.armOnce(['ip-restricted', 'require-secret']);
    faults.disarm(['ip-restricted']);
    assert.equal(faults.take('ip-restricted'), false);
    now += ARMED_FAULT_LIFETIME_MS - 1;
    assert.equal(faults.isArmed('require-secret'), true);
    now += 1;
    assert.equal(faults.take('require-secret'), false);
  });
});
