// Checks the teaching layer computes from the transcript itself.
import type { Check, TranscriptEntry } from '../attempts/attempt.ts';

/** Allowed difference between this machine's clock and Salesforce's before JWT exp becomes fragile. */
export const SKEW_LIMIT_S = 60;

/** Compares the Date header of the last server response with this machine's clock when the request was sent. */
export function clockSkewCheck(transcript: TranscriptEntry[]): Check | undefined {
  const withDate = [...transcript].reverse().find((entry) => entry.responseHeaders?.date);
  const date = withDate?.responseHeaders?.date;
  if (!withDate || !date || Number.isNaN(Date.parse(date))) return undefined;
  const skew = clockSkew(Date.parse(date), withDate.at, withDate.durationMs);
  return {
    id: 'clock-skew',
    label: 'clock check',
    passed: Math.abs(skew.skewS) <= SKEW_LIMIT_S,
    detail: `Salesforce's Date header says ${date}; this machine's clock is ${clockAgainstSalesforce(skew)}.`,
    why: "JWT exp and id_token times are checked against Salesforce's clock: a machine a few minutes off sends assertions that are already expired.",
  };
}

export interface ClockSkew {
  skewS: number;
  inStep: boolean;
}

/**
 * Salesforce's clock minus this machine's, in whole seconds, from a call sent at `sentAtMs` (this machine's clock)
 * that took `durationMs` and came back with a Date header of `serverMs`. That header is cut to the second and was
 * written somewhere during the call: within a second and a half, plus half the call, the two are in step.
 */
export function clockSkew(serverMs: number, sentAtMs: number, durationMs = 0): ClockSkew {
  const middle = sentAtMs + durationMs / 2;
  return {
    skewS: Math.round((serverMs - middle) / 1000),
    inStep: Math.abs(serverMs + 500 - middle) <= 1500 + durationMs / 2,
  };
}

/**
 * This machine's clock against Salesforce's, in words: a bare signed number leaves the reader to guess which way
 * to set the clock, and a difference within what the measure can tell is no difference.
 */
export function clockAgainstSalesforce({ skewS, inStep }: ClockSkew): string {
  if (inStep) return "in step with Salesforce's";
  return `about ${Math.abs(skewS)} s ${skewS > 0 ? 'behind' : 'ahead of'} Salesforce's`;
}
