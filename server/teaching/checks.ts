// Checks the teaching layer computes from the transcript itself.
import type { Check, TranscriptEntry } from '../attempts/attempt.ts';

/** Allowed difference between this machine's clock and Salesforce's before JWT exp becomes fragile. */
const SKEW_LIMIT_S = 60;

/** Compares the Date header of the last server response with this machine's clock when the request was sent. */
export function clockSkewCheck(transcript: TranscriptEntry[]): Check | undefined {
  const withDate = [...transcript].reverse().find((entry) => entry.responseHeaders?.date);
  const date = withDate?.responseHeaders?.date;
  if (!withDate || !date || Number.isNaN(Date.parse(date))) return undefined;
  // The Date header has whole-second precision; the request's own duration adds to the uncertainty.
  const skewS = Math.round((Date.parse(date) - withDate.at) / 1000);
  const passed = Math.abs(skewS) <= SKEW_LIMIT_S;
  return {
    id: 'clock-skew',
    label: 'clock check',
    passed,
    detail: `Salesforce's Date header says ${date}; this machine's clock is ${clockAgainstSalesforce(skewS)}.`,
    why: "JWT exp and id_token times are checked against Salesforce's clock: a machine a few minutes off sends assertions that are already expired.",
  };
}

/**
 * This machine's clock against Salesforce's, from `skewS` = Salesforce's time minus this machine's, in words: a
 * bare signed number leaves the reader to guess which way to set the clock.
 */
export function clockAgainstSalesforce(skewS: number): string {
  if (Math.abs(skewS) <= 1) return "in step with Salesforce's"; // the Date header is to the second
  return `about ${Math.abs(skewS)} s ${skewS > 0 ? 'behind' : 'ahead of'} Salesforce's`;
}
