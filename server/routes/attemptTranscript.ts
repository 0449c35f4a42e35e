// Where an attempt's legs are written and read back: its own transcript, and the signed-in page's calls after it,
// each kept small enough that every session stays small.
import type { Request } from 'express';
import type { Attempt, AttemptLog, TranscriptEntry } from '../attempts/attempt.ts';

const MAX_TRANSCRIPT = 40;
/** Legs are dropped, oldest first, past this many characters: every session stays small. */
const MAX_TRANSCRIPT_CHARS = 64 * 1024;

/**
 * The attempts this session can show, each with its legs: each flow's latest one, and the login's (with the calls
 * made after it). Reveal looks up its entries here only, so nobody reveals what is
 * not in their own session.
 */
export function shownAttempts(req: Request): Attempt[] {
  const { attempts = {}, login } = req.session;
  const signedIn = login?.attempt && {
    ...login.attempt,
    transcript: [...login.attempt.transcript, ...(login.activity ?? [])],
  };
  return [...Object.values(attempts), signedIn].filter((shown): shown is Attempt => shown !== undefined);
}

/** Where a flow writes: transcript legs, checks and JWTs land in its own attempt. */
export function attemptLog(attempt: Attempt): AttemptLog {
  return {
    entry: (entry) => addEntry(attempt.transcript, entry, false),
    check: (check) => attempt.checks.push(check),
    jwt: (kind, token) => {
      attempt[kind] = token;
    },
  };
}

/** Calls on the instance with the login's token: one that answered shows the sign-in's token worked. */
const TOKEN_LEGS = new Set(['identity', 'query']);

/**
 * The result page's own calls (identity, versions, query, token tools) after the login: kept beside the finished
 * attempt, each leg replacing its previous run (a reloaded page re-runs its query: one leg, not forty).
 */
export function activityLog(req: Request): (entry: TranscriptEntry) => void {
  return (entry) => {
    const login = req.session.login;
    if (!login) return;
    addEntry((login.activity ??= []), entry, true);
    const answered = !entry.error && entry.status !== undefined && entry.status < 400;
    if (login.attempt && answered && TOKEN_LEGS.has(entry.leg)) login.attempt.tokenWorked = true;
  };
}

function addEntry(transcript: TranscriptEntry[], entry: TranscriptEntry, replaceLeg: boolean): void {
  const previous = replaceLeg ? transcript.findLastIndex((leg) => leg.leg === entry.leg) : -1;
  if (previous >= 0) transcript.splice(previous, 1);
  transcript.push(entry);
  let chars = transcript.reduce((sum, leg) => sum + JSON.stringify(leg).length, 0);
  while (transcript.length > 1 && (transcript.length > MAX_TRANSCRIPT || chars > MAX_TRANSCRIPT_CHARS)) {
    chars -= JSON.stringify(transcript.splice(oldestRepeated(transcript), 1)[0]).length;
  }
}

/**
 * The leg to let go: the oldest of a leg that comes again later (a device flow's polls, minutes of them), so that the
 * flow's first steps (the device authorization, the authorize redirect) stay for its diagram and transcript; the
 * oldest of all when no leg repeats.
 */
function oldestRepeated(transcript: TranscriptEntry[]): number {
  const seenLater = new Set<string>();
  let oldest = -1;
  for (let at = transcript.length - 1; at >= 0; at--) {
    if (seenLater.has(transcript[at].leg)) oldest = at;
    seenLater.add(transcript[at].leg);
  }
  return Math.max(oldest, 0);
}
