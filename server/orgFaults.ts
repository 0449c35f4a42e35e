// Org-side "break it" faults, shared by the playground and the local emulator: a setting of the org that makes the
// next matching request fail the way a misconfigured Salesforce org would. Armed by the app, applied once.

export const ORG_FAULTS = [
  'callback-mismatch',
  'require-secret',
  'require-pkce',
  'admin-approved-no-profile',
  'user-agent-blocked',
  'app-blocked',
  'ip-restricted',
  'no-run-as',
  'device-blocked',
] as const;

export type OrgFault = (typeof ORG_FAULTS)[number];

/** What the emulator offers the playground (stack.ts connects the two; neither imports the other). */
export interface OrgControl {
  /**
   * Arms an attempt's faults; each applies once, to the request it concerns. Bound to a login's `state`, they wait
   * for that login alone. Unbound (a direct flow's), they replace the unbound faults armed before, and apply to
   * the next request that comes.
   */
  armFor(attempt: string, faults: readonly OrgFault[], state?: string): void;
  /** The attempt has ended: the faults it armed and never reached disarm too. */
  disarmFor(attempt: string): void;
}

export function isOrgFault(value: string): value is OrgFault {
  return (ORG_FAULTS as readonly string[]).includes(value);
}
