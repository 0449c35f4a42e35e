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

/**
 * Which requests an attempt's faults are for: a redirect flow's login, by the `state` it sends (its authorize
 * requests, its login page, its code's exchange), or a direct flow's token requests, by their grant_type.
 */
export type FaultBinding = { state: string } | { grantType: string };

/** What the emulator offers the playground (stack.ts connects the two; neither imports the other). */
export interface OrgControl {
  /**
   * Arms an attempt's faults; each applies once, to the request it concerns. A new attempt bound to a grant_type
   * replaces the faults an earlier one left for the same grant_type: only one attempt's can apply to them.
   */
  armFor(attempt: string, faults: readonly OrgFault[], binding?: FaultBinding): void;
  /** The attempt has ended: the faults it armed and never reached disarm too. */
  disarmFor(attempt: string): void;
}

export function isOrgFault(value: string): value is OrgFault {
  return (ORG_FAULTS as readonly string[]).includes(value);
}
