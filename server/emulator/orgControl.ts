// The org-side "break it" switches the playground arms: each makes the next request it concerns fail the way a
// misconfigured org would, then disarms.
import type { OrgControl, OrgFault } from '../orgFaults.ts';

export class OrgFaultSwitch implements OrgControl {
  private readonly armed = new Set<OrgFault>();

  armOnce(faults: readonly OrgFault[]): void {
    for (const fault of faults) this.armed.add(fault);
  }

  /** Whether the fault is armed, without using it up (for decisions that come before the request it concerns). */
  isArmed(fault: OrgFault): boolean {
    return this.armed.has(fault);
  }

  /** True once for an armed fault: this request is the one it concerns, so it applies here and disarms. */
  take(fault: OrgFault): boolean {
    return this.armed.delete(fault);
  }
}
