// The saved REST records (rest-records.json in the emulator's data folder): read once at start; a file that cannot
// be parsed is kept aside under a new name and reported, and the seed takes its place. Writes are coalesced by
// ../coalescedWrites.ts, as the emulator's own state is.
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { withCurrentUserIds } from '../ids.ts';

/** The parsed file, or undefined when there is none or it is corrupt (then kept as <file>.corrupt-<time>). */
export function readRecordFile(file: string, nowMs = Date.now()): unknown {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(withCurrentUserIds(readFileSync(file, 'utf8')));
  } catch (error) {
    const backup = `${file}.corrupt-${nowMs}`;
    renameSync(file, backup);
    const reason = error instanceof Error ? error.message : String(error);
    console.warn(`[emulator] ${file} could not be read (${reason}); kept as ${backup}, starting fresh.`);
    return undefined;
  }
}
