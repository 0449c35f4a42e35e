// Reads the emulator's state file (coalescedWrites.ts writes it). A corrupt file is set aside, never a reason not to
// start. (One this user may not read stops start-up before this runs: configDataDir.ts.)
import { readFileSync, renameSync } from 'node:fs';
import { isAcceptableCallbackUrl } from './callbackUrls.ts';
import { withCurrentUserIds } from './ids.ts';
import { problemOf, type Persisted } from './stateShape.ts';
import type { AccessTokenRecord } from './tokenRecords.ts';

export type { Persisted } from './stateShape.ts';

/**
 * The saved state, or undefined when there is none yet. A file that is not a valid state (or, made unreadable since
 * start-up's check, cannot be read) is renamed to `<file>.corrupt-<time>` (kept for the curious) and the emulator
 * starts from defaults, with a warning naming both files: one bad save must never keep the emulator down.
 */
export function loadState(file: string, now: number): Persisted | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    setAside(file, `cannot be read (${code ?? 'unknown error'})`, now);
    return undefined;
  }
  const { state, problem } = parseState(withCurrentUserIds(text));
  if (!state) setAside(file, `is not a valid emulator state: ${problem}`, now);
  else {
    dropUnacceptableCallbacks(file, state);
    upgradeTokenRecords(state);
  }
  return state;
}

/**
 * Files saved before refresh-token families existed: an access token named its refresh token (`refreshKey`), and
 * each refresh token was its own grant. Both become families of one, with the same keys.
 */
function upgradeTokenRecords(state: Persisted): void {
  for (const record of Object.values(state.accessTokens) as (AccessTokenRecord & { refreshKey?: string })[]) {
    if (record.refreshKey !== undefined) {
      record.familyKey ??= record.refreshKey;
      delete record.refreshKey;
    }
  }
  for (const [key, record] of Object.entries(state.refreshTokens)) {
    record.familyKey ??= key;
    record.familyIssuedAt ??= record.issuedAt;
    record.lastUsedAt ??= record.issuedAt;
  }
}

function setAside(file: string, problem: string, now: number): void {
  const backup = `${file}.corrupt-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
  try {
    renameSync(file, backup);
    console.warn(
      `[emulator] Warning: ${file} ${problem}. Starting with default settings; the old file is kept as ${backup}.`,
    );
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    console.warn(
      `[emulator] Warning: ${file} ${problem} and could not be moved aside (${reason}). Starting with default settings.`,
    );
  }
}

/** Callback URLs saved before the setup page checked them (e.g. "https://evil;x/cb") are dropped, with a warning. */
function dropUnacceptableCallbacks(file: string, state: Persisted): void {
  const kept = state.settings.callbackUrls.filter(isAcceptableCallbackUrl);
  const dropped = state.settings.callbackUrls.filter((url) => !kept.includes(url));
  if (dropped.length === 0) return;
  console.warn(
    `[emulator] Warning: ${file} held callback URLs that are not valid, now removed: ${dropped.join(', ')}`,
  );
  state.settings.callbackUrls = kept;
}

function parseState(text: string): { state?: Persisted; problem?: string } {
  let value: unknown;
  try {
    // An editor may have saved it with a byte-order mark, which JSON.parse refuses.
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { problem: `it is not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const problem = problemOf(value);
  return problem
    ? { problem: `its ${problem} is missing or not what this version reads` }
    : { state: value as Persisted };
}
