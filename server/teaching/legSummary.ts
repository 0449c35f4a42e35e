// A transcript leg's closed line: what it shows before it is opened (the rest: transcript.ts's entryView).
import type { Attempt, TranscriptEntry } from '../attempts/attempt.ts';
import { isOrgFault } from '../orgFaults.ts';
import { faultWords } from './faults.ts';
import { spentValue, type Spent } from './snippets/spent.ts';

export type LegAttempt = Pick<Attempt, 'transcript'> & Partial<Pick<Attempt, 'flow' | 'faults'>>;
type DeviceWait = 'authorization_pending' | 'slow_down';

/** What a leg's closed line shows; the rest of the leg is rendered when it is opened (openedLeg, leg-body.ejs). */
export interface LegSummary {
  id: string;
  /** The leg's name on the page, unique within its transcript ("token request", "query request 2"). */
  name: string;
  kind: TranscriptEntry['kind'];
  leg: string;
  method: string;
  status?: number;
  error?: string;
  spent?: Spent;
  /**
   * A refused call of an attempt armed with an org-side fault: the emulator played that setting for the attempt's
   * requests alone, so a copy meets the org as it is (the words of the fault it played).
   */
  playedFault?: string;
  /** A device poll told to wait: no failure, though its status is 400. */
  waiting?: DeviceWait;
}

/** A call to Salesforce, as opposed to a browser's redirect or callback: the legs that have copies. */
export const isServerCall = (entry: TranscriptEntry) =>
  entry.kind === 'server-call' && URL.canParse(entry.url);

/**
 * A leg as its closed line shows it: nothing in it is secret, so nothing needs masking. Whether its single-use
 * value is spent needs the attempt it belongs to.
 */
export function legSummary(entry: TranscriptEntry, name: string, attempt?: LegAttempt): LegSummary {
  const orgFault = attempt?.faults?.find(isOrgFault);
  return {
    id: entry.id,
    name,
    kind: entry.kind,
    leg: entry.leg,
    method: entry.method,
    status: entry.status,
    error: entry.error,
    spent: attempt && isServerCall(entry) ? spentValue(entry, attempt) : undefined,
    playedFault:
      orgFault && isServerCall(entry) && (entry.status ?? 0) >= 400
        ? faultWords(attempt?.flow, [orgFault])[0]
        : undefined,
    waiting: deviceWait(entry),
  };
}

/**
 * The device flow's polls are answered 400 authorization_pending until the user allows or denies (slow_down when
 * they come too often): the flow waiting, which the line tells apart from a refusal.
 */
function deviceWait(entry: TranscriptEntry): DeviceWait | undefined {
  if (entry.status !== 400 || !entry.leg.startsWith('token (poll)')) return undefined;
  const code = /"error"\s*:\s*"(authorization_pending|slow_down)"/.exec(entry.responseBody ?? '')?.[1];
  return code as DeviceWait | undefined;
}
