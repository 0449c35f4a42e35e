// The emulator's cap on the tokens it stores (Salesforce has none): the newest MAX_TOKENS of each kind are kept,
// so that a script signing in in a loop cannot grow its memory and its state file without end.

export const MAX_TOKENS = 2000;

export const LIVE_TOKEN_DROPPED = `[emulator] more than ${MAX_TOKENS} access tokens issued within their lifetime: the oldest are dropped, live ones too (a limit of this emulator, not of Salesforce); a call with a dropped token gets INVALID_SESSION_ID.`;

/**
 * Keeps the newest MAX_TOKENS entries; a Map keeps insertion order, so the first keys are the oldest. Says whether
 * one it dropped was still live.
 */
export function prune<T>(records: Map<string, T>, isLive: (record: T) => boolean = () => false): boolean {
  let droppedLive = false;
  for (const [key, record] of records) {
    if (records.size <= MAX_TOKENS) break;
    droppedLive ||= isLive(record);
    records.delete(key);
  }
  return droppedLive;
}
