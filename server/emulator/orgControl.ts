// The org-side "break it" switches the playground arms: each makes the request it concerns fail the way a
// misconfigured org would, then disarms. An attempt's faults are bound to its own requests: a redirect flow's to the
// `state` its login sends (its authorize requests, its login page, the exchange of its code), however long it waits;
// a direct flow's to its grant_type, so another flow's requests never meet them. Two attempts of one direct flow at
// once cannot be told apart here (the later one replaces the earlier one's faults): the playground runs one with
// faults alone (inTurn, routes/attemptFaults.ts). The attempt's end takes back what it never reached, and a lifetime
// covers a login that never comes back.
import type { FaultBinding, OrgControl, OrgFault } from '../orgFaults.ts';
import { safeEqual } from './secrets.ts';

/** How long an armed fault waits for its request: longer than a login page is left open in a lesson. */
export const ARMED_FAULT_LIFETIME_MS = 30 * 60 * 1000;
/** Attempts with faults of their own, at most: the oldest is forgotten first. */
const MAX_ARMED_ATTEMPTS = 100;

/** What a request says of itself, for the faults bound to one: the login it belongs to, the grant it asks for. */
export interface FaultRequest {
  state?: string;
  grantType?: string;
}

interface ArmedSet {
  /** Each armed fault, with when it stops applying. */
  faults: Map<OrgFault, number>;
  /** None: the next request that concerns a fault meets it (the emulator's own tests). */
  binding?: FaultBinding;
}

export class OrgFaultSwitch implements OrgControl {
  /** By attempt id, oldest first. */
  private readonly sets = new Map<string, ArmedSet>();
  private unnamed = 0;

  constructor(private readonly now: () => number = Date.now) {}

  armFor(attempt: string, faults: readonly OrgFault[], binding?: FaultBinding): void {
    for (const [id, set] of this.sets)
      if (id === attempt || replaces(binding, set.binding)) this.sets.delete(id);
    if (faults.length === 0) return; // most attempts arm nothing: nothing to keep, or to look through later
    this.sets.set(attempt, { faults: this.expiring(faults), binding });
    if (this.sets.size > MAX_ARMED_ATTEMPTS) this.sets.delete(this.sets.keys().next().value as string);
  }

  /** The attempt has ended: what it never reached is taken back. */
  disarmFor(attempt: string): void {
    this.sets.delete(attempt);
  }

  /** Arms faults for whatever request comes next, of no attempt in particular (the emulator's own tests). */
  armOnce(faults: readonly OrgFault[]): void {
    this.sets.set(`once-${++this.unnamed}`, { faults: this.expiring(faults) });
  }

  /** Whether the fault is armed for this request, without using it up (for decisions that come before it). */
  isArmed(fault: OrgFault, request: FaultRequest = {}): boolean {
    return this.armedSet(fault, request) !== undefined;
  }

  /** True once for an armed fault: this request is the one it concerns, so it applies here and disarms. */
  take(fault: OrgFault, request: FaultRequest = {}): boolean {
    return this.armedSet(fault, request)?.faults.delete(fault) ?? false;
  }

  private armedSet(fault: OrgFault, request: FaultRequest): ArmedSet | undefined {
    for (const set of this.sets.values()) {
      const until = set.faults.get(fault);
      if (until !== undefined && until <= this.now()) set.faults.delete(fault);
      if (set.faults.has(fault) && concerns(set.binding, request)) return set;
    }
    return undefined;
  }

  private expiring(faults: readonly OrgFault[]): Map<OrgFault, number> {
    return new Map(faults.map((fault) => [fault, this.now() + ARMED_FAULT_LIFETIME_MS]));
  }
}

function concerns(binding: FaultBinding | undefined, request: FaultRequest): boolean {
  if (!binding) return true;
  if ('state' in binding) return request.state !== undefined && safeEqual(binding.state, request.state);
  return request.grantType === binding.grantType;
}

/** A new attempt takes the place of unbound faults, and of an earlier attempt's for the same grant_type. */
function replaces(newer: FaultBinding | undefined, older: FaultBinding | undefined): boolean {
  if (!older) return true;
  return (
    newer !== undefined && 'grantType' in newer && 'grantType' in older && newer.grantType === older.grantType
  );
}
