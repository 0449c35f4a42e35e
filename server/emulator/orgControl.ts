// The org-side "break it" switches the playground arms: each makes the next request it concerns fail the way a
// misconfigured org would, then disarms. One the attempt that armed it never reached is disarmed when that attempt
// ends, and, for an attempt abandoned at Salesforce's login page, once a login page would have expired.
import type { OrgControl, OrgFault } from '../orgFaults.ts';

/** How long an armed fault waits for its request: a login page left open longer has to start again anyway. */
export const ARMED_FAULT_LIFETIME_MS = 10 * 60 * 1000;

export class OrgFaultSwitch implements OrgControl {
  /** Each armed fault, with when it stops applying. */
  private readonly armed = new Map<OrgFault, number>();

  constructor(private readonly now: () => number = Date.now) {}

  armOnce(faults: readonly OrgFault[]): void {
    for (const fault of faults) this.armed.set(fault, this.now() + ARMED_FAULT_LIFETIME_MS);
  }

  /** The attempt that armed these has ended: none of them may fail someone else's request. */
  disarm(faults: readonly OrgFault[]): void {
    for (const fault of faults) this.armed.delete(fault);
  }

  /** Whether the fault is armed, without using it up (for decisions that come before the request it concerns). */
  isArmed(fault: OrgFault): boolean {
    const until = this.armed.get(fault);
    if (until !== undefined && until <= this.now()) this.armed.delete(fault);
    return this.armed.has(fault);
  }

  /** True once for an armed fault: this request is the one it concerns, so it applies here and disarms. */
  take(fault: OrgFault): boolean {
    return this.isArmed(fault) && this.armed.delete(fault);
  }
}
