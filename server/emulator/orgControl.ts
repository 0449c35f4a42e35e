// The org-side "break it" switches the playground arms: each makes the next request it concerns fail the way a
// misconfigured org would, then disarms. They belong to one attempt at a time, the latest one begun: a new attempt,
// by anyone, replaces them, and the attempt's end takes back what it never reached. A lifetime covers a login that
// never comes back and is never followed by another attempt.
import type { OrgControl, OrgFault } from '../orgFaults.ts';

/** How long an armed fault waits for its request: longer than a login page is left open in a lesson. */
export const ARMED_FAULT_LIFETIME_MS = 30 * 60 * 1000;

export class OrgFaultSwitch implements OrgControl {
  /** Each armed fault, with when it stops applying. */
  private readonly armed = new Map<OrgFault, number>();
  /** The attempt the armed faults belong to. */
  private owner: string | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  armFor(attempt: string, faults: readonly OrgFault[]): void {
    this.armed.clear();
    this.owner = attempt;
    this.armOnce(faults);
  }

  /** The attempt has ended: what it never reached is taken back, unless a later attempt has armed its own. */
  disarmFor(attempt: string): void {
    if (this.owner !== attempt) return;
    this.armed.clear();
    this.owner = undefined;
  }

  /** Arms faults for whatever request comes next, of no attempt in particular (the emulator's own tests). */
  armOnce(faults: readonly OrgFault[]): void {
    for (const fault of faults) this.armed.set(fault, this.now() + ARMED_FAULT_LIFETIME_MS);
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
