// The emulator's "break it" switches: each applies once, to the requests of the attempt that armed it: a login's
// by its state, a direct flow's by its grant_type, and a later attempt of that flow replaces them.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { ARMED_FAULT_LIFETIME_MS, OrgFaultSwitch } from '../../../server/emulator/orgControl.ts';

const JWT = { grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer' };
const CLIENT_CREDENTIALS = { grantType: 'client_credentials' };

describe('org fault switch', () => {
  test('an armed fault applies to one request, then no more', () => {
    const faults = new OrgFaultSwitch(() => 0);
    faults.armFor('a', ['ip-restricted'], JWT);
    assert.equal(faults.isArmed('ip-restricted', JWT), true);
    assert.equal(faults.take('ip-restricted', JWT), true);
    assert.equal(faults.take('ip-restricted', JWT), false);
  });

  test("a direct flow's faults meet its own grant_type only, and a later attempt of that flow replaces them", () => {
    const faults = new OrgFaultSwitch(() => 0);
    faults.armFor('a', ['ip-restricted'], JWT);
    assert.equal(faults.take('ip-restricted', CLIENT_CREDENTIALS), false, 'another flow');
    assert.equal(faults.take('ip-restricted', { state: 'a-login' }), false, 'a login');
    faults.armFor('b', [], CLIENT_CREDENTIALS);
    assert.equal(faults.isArmed('ip-restricted', JWT), true, 'another flow began: not replaced');
    faults.armFor('c', [], JWT);
    assert.equal(faults.isArmed('ip-restricted', JWT), false, 'the same flow began again');
    faults.armFor('d', ['no-run-as'], CLIENT_CREDENTIALS);
    faults.disarmFor('a');
    assert.equal(faults.isArmed('no-run-as', CLIENT_CREDENTIALS), true, 'a has ended, d has not');
    faults.disarmFor('d');
    assert.equal(faults.isArmed('no-run-as', CLIENT_CREDENTIALS), false);
  });

  test("a login's faults wait for its own state, whatever other requests and attempts come first", () => {
    const faults = new OrgFaultSwitch(() => 0);
    const login = { state: 'state-of-the-login' };
    faults.armFor('waiting', ['ip-restricted', 'app-blocked'], login);
    assert.equal(faults.take('ip-restricted', JWT), false, 'a request of no login');
    assert.equal(faults.take('ip-restricted', { state: 'state-of-another-login' }), false);
    faults.armFor('direct', [], JWT);
    faults.armFor('another-login', [], { state: 'state-of-another-login' });
    assert.equal(faults.isArmed('ip-restricted', login), true, 'not replaced');
    assert.equal(faults.take('ip-restricted', login), true);
    assert.equal(faults.take('ip-restricted', login), false, 'once');
    faults.disarmFor('waiting');
    assert.equal(faults.take('app-blocked', login), false, 'the login has ended');
  });

  test('faults armed for no attempt meet the next request, and any attempt replaces them', () => {
    const faults = new OrgFaultSwitch(() => 0);
    faults.armOnce(['ip-restricted']);
    assert.equal(faults.take('ip-restricted', { state: 'any-state' }), true);
    faults.armOnce(['ip-restricted']);
    faults.armFor('a', [], { state: 'a-login' });
    assert.equal(faults.take('ip-restricted'), false);
  });

  test('a fault nobody reached expires', () => {
    let now = 0;
    const faults = new OrgFaultSwitch(() => now);
    faults.armFor('b', ['require-secret'], { state: 'waiting' });
    faults.armFor('c', ['require-secret'], JWT);
    now += ARMED_FAULT_LIFETIME_MS - 1;
    assert.equal(faults.isArmed('require-secret', JWT), true);
    assert.equal(faults.isArmed('require-secret', { state: 'waiting' }), true);
    now += 1;
    assert.equal(faults.take('require-secret', JWT), false);
    assert.equal(faults.take('require-secret', { state: 'waiting' }), false);
  });
});
