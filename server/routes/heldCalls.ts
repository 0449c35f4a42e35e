// Calls to Salesforce made side by side whose legs still reach the transcript in a fixed order: each call's legs
// and failure are held until the page records them, in the order it lists the calls, whichever answered first.
import type { ReceivedError, TranscriptEntry } from '../attempts/attempt.ts';
import { describeFailure } from '../salesforce/errors.ts';

type Log = (entry: TranscriptEntry) => void;

export interface HeldCall<T> {
  /** The answer, or undefined when the call failed. */
  value: T | undefined;
  /** Hands the held legs to `record`, and the failure (if any) to `problems`. */
  release(record: Log, problems: ReceivedError[]): void;
}

export async function heldCall<T>(work: (log: Log) => Promise<T>): Promise<HeldCall<T>> {
  const legs: TranscriptEntry[] = [];
  let value: T | undefined;
  let problem: ReceivedError | undefined;
  try {
    value = await work((entry) => legs.push(entry));
  } catch (error) {
    problem = describeFailure(error);
  }
  return {
    value,
    release(record, problems) {
      legs.forEach((entry) => record(entry));
      if (problem) problems.push(problem);
    },
  };
}
