// The org-side "break it" switches the playground arms: each makes the request it concerns fail the way a
// misconfigured org would, then disarms. A redirect flow's faults are bound to its login's `state`, so only that
// login (its authorize requests, its login page, the exchange of its code) meets them, however long it waits. A
// direct flow's faults apply to the next request, whoever sends it: a new attempt replaces them, and the attempt's
// end takes back what it never reached. A lifetime covers a login that never comes back.
import type { OrgControl, OrgFault } from '../orgFaults.ts';
import { safeEqual } from './secrets.ts';

/** How long an armed fault waits for its request: longer than a login page is left open in a lesson. */
export const ARMED_FAULT_LIFETIME_MS = 30 * 60 * 1000;
/** Logins left waiting with faults of their own, at most: the oldest is forgotten first. */
const MAX_BOUND_ATTEMPTS = 100;

interface ArmedSet {
  /** Each armed fault, with when it stops applying. */
  faults: Map<OrgFault, number>;
  /** The state of the login these faults wait for; none for a direct flow's. */
  state?: string;
}

export class OrgFaultSwitch implements OrgControl {
  /** By attempt id, oldest first. */
  private readonly sets = new Map<string, ArmedSet>();
  private unnamed = 0;

  constructor(private readonly now: () => number = Date.now) {}

  armFor(attempt: string, faults: readonly OrgFault[], state?: string): void {
    for (const [id, set] of this.sets) if (set.state === undefined) this.sets.delete(id);
    this.sets.delete(attempt);
    if (faults.length === 0) return; // most attempts arm nothing: nothing to keep, or to look through later
    this.sets.set(attempt, { faults: this.expiring(faults), state });
    if (this.sets.size > MAX_BOUND_ATTEMPTS) this.sets.delete(this.sets.keys().next().value as string);
  }

  /** The attempt has ended: what it never reached is taken back. */
  disarmFor(attempt: string): void {
    this.sets.delete(attempt);
  }

  /** Arms faults for whatever request comes next, of no attempt in particular (the emulator's own tests). */
  armOnce(faults: readonly OrgFault[]): void {
    this.sets.set(`once-${++this.unnamed}`, { faults: this.expiring(faults) });
  }

  /**
   * Whether the fault is armed for this request, without using it up (for decisions that come before the request
   * it concerns). `state` is the login the request belongs to: a bound fault applies to its own login only.
   */
  isArmed(fault: OrgFault, state?: string): boolean {
    return this.armedSet(fault, state) !== undefined;
  }

  /** True once for an armed fault: this request is the one it concerns, so it applies here and disarms. */
  take(fault: OrgFault, state?: string): boolean {
    return this.armedSet(fault, state)?.faults.delete(fault) ?? false;
  }

  private armedSet(fault: OrgFault, state: string | undefined): ArmedSet | undefined {
    for (const set of this.sets.values()) {
      const until = set.faults.get(fault);
      if (until !== undefined && until <= this.now()) set.faults.delete(fault);
      if (!set.faults.has(fault)) continue;
      if (set.state === undefined || (state !== undefined && safeEqual(set.state, state))) return set;
    }
    return undefined;
  }

  private expiring(faults: readonly OrgFault[]): Map<OrgFault, number> {
    return new Map(faults.map((fault) => [fault, this.now() + ARMED_FAULT_LIFETIME_MS]));
  }
}
