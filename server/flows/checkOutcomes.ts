// What becomes of the checks on a response: one that could not run is shown as not made, one that failed ends the
// attempt with an error the explainer knows.
import { FlowError, type Check } from '../attempts/attempt.ts';

/** A check that could not run: shown as such (○), never as passed, and never ending the attempt. */
export function notPerformed(
  id: string,
  label: string,
  detail: string,
  why = 'Shown so that nothing looks checked that was not.',
): Check {
  return { id, label, passed: false, performed: false, detail, why };
}

export function missing(id: string, label: string, detail: string): Check {
  return {
    id,
    label,
    passed: false,
    detail,
    why: 'A response without what the request asked for is not trusted.',
  };
}

/** The first failed check ends the attempt, with an error the explainer knows. */
export function settle(checks: Check[]): void {
  const failed = checks.find((check) => !check.passed && check.performed !== false);
  if (failed) throw new FlowError(FAILURES[failed.id] ?? `${failed.id}_failed`, failed.detail);
}

const FAILURES: Record<string, string> = {
  hosts: 'untrusted_host',
  signature: 'signature_mismatch',
  nonce: 'nonce_mismatch',
  'id-token': 'id_token_invalid',
};
