// What a successful attempt armed with a break-it switch says beside its success: why the org let it through, from
// what the attempt itself shows where it can (a poll never slowed down, a Security token field left empty).
import type { Attempt, Fault } from '../attempts/attempt.ts';
import { faultWords } from './faults.ts';

/**
 * Why an armed attempt can still succeed: the switch asks for something the org may allow. Said where the learner
 * expected a failure, so a success is read as the lesson it is, not as a switch that did nothing.
 */
const ACCEPTED_BECAUSE: Partial<Record<Fault, string>> = {
  'no-secret':
    'the app does not require the secret to refresh (Require Secret for Refresh Token Flow is off): whoever holds the refresh token can use it, so keep it as safe as a password',
  'poll-too-fast':
    'Salesforce answered slow_down (see the transcript), the page then waited as told, and the login went through: a poll too fast is refused, not fatal',
  'no-security-token':
    "this org did not ask for the security token from this machine's IP address (it is in the org's trusted IP ranges or the profile's login IP ranges)",
};

/**
 * Where the attempt shows the usual reason did not hold: a poll never answered slow_down (the code was allowed before
 * a second poll came too soon, or the org let them through), a Security token field left empty (the switch had no
 * token to take off; the password went as typed).
 */
function acceptedBecause(
  attempt: Pick<Attempt, 'faults' | 'checks' | 'input'>,
  fault: Fault,
): string | undefined {
  if (fault === 'poll-too-fast' && !attempt.checks.some((check) => check.id === 'interval'))
    return "no poll was answered slow_down (see the transcript): the code was allowed before a poll came too soon after another, or this org let the fast polls through (slow_down is RFC 8628's answer; what Salesforce answers to fast polling is unconfirmed)";
  if (fault === 'no-security-token' && attempt.input?.noSecurityToken)
    return 'the Security token field was empty, so there was no token to leave out: the password went as typed, and the org took it (a token typed on its end, or a login from an IP address the org trusts)';
  return ACCEPTED_BECAUSE[fault];
}

/** What a successful attempt says of the switches it was armed with, one line each, in the catalogue's words. */
export function acceptedAnyway(attempt: Pick<Attempt, 'flow' | 'faults' | 'checks' | 'input'>): string[] {
  return attempt.faults.map((fault) => {
    const [words] = faultWords(attempt.flow, [fault]);
    const why =
      acceptedBecause(attempt, fault) ??
      'the org let it through, so this switch has nothing to show against it as it is set now';
    return `Armed to ${words}, yet it succeeded: ${why}.`;
  });
}
