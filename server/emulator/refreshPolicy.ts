// The app's refresh-token policy, evaluated when a refresh token is used (as Salesforce evaluates it: "only during
// usage of the issued refresh token").
import type { PeriodUnit, RefreshTokenPolicy } from './org.ts';
import type { RefreshTokenRecord } from './tokenRecords.ts';

const HOUR_MS = 60 * 60 * 1000;
/** A month is taken as 30 days: Salesforce does not say how it counts one. */
const UNIT_MS: Record<PeriodUnit, number> = { HOURS: HOUR_MS, DAYS: 24 * HOUR_MS, MONTHS: 30 * 24 * HOUR_MS };

/**
 * Whether the policy still lets this refresh token be used at `nowMs`. "Expire after N" counts from the grant (the
 * login), not from the last rotation: rotating must not extend a grant's life (RFC 9700 §4.14.2's safe reading).
 */
export function isWithinPolicy(
  policy: RefreshTokenPolicy,
  record: RefreshTokenRecord,
  nowMs: number,
): boolean {
  const period = policy.amount * UNIT_MS[policy.unit];
  switch (policy.kind) {
    case 'infinite':
      return true;
    case 'zero':
      return false;
    case 'inactivity':
      return nowMs - record.lastUsedAt < period;
    case 'lifetime':
      return nowMs - record.familyIssuedAt < period;
  }
}
