// The saved REST records (rest-records.json in the emulator's data folder): read once at start; a file that cannot
// be parsed, or is not this emulator's record file, is kept aside under a new name and reported, and the seed takes
// its place. Writes are coalesced by ../coalescedWrites.ts, as the emulator's own state is.
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { withCurrentUserIds } from '../ids.ts';
import { recordFileProblem } from './recordShape.ts';

/** The parsed file, or undefined when there is none or it is unusable (then kept as <file>.corrupt-<time>). */
export function readRecordFile(file: string, nowMs = Date.now()): unknown {
  if (!existsSync(file)) return undefined;
  let reason: string;
  try {
    const parsed = JSON.parse(withCurrentUserIds(readFileSync(file, 'utf8'))) as unknown;
    const problem = recordFileProblem(parsed);
    if (!problem) return parsed;
    reason = `not a record file of this emulator: see ${problem}`;
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  // The same suffix as the state file's: an ISO time, with its colons and dot made safe for every file system.
  const backup = `${file}.corrupt-${new Date(nowMs).toISOString().replace(/[:.]/g, '-')}`;
  try {
    renameSync(file, backup);
    console.warn(`[emulator] ${file} could not be read (${reason}); kept as ${backup}, starting fresh.`);
  } catch (error) {
    // The seed is served all the same: an emulator with no records at all would answer every query wrongly.
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    console.warn(
      `[emulator] ${file} could not be read (${reason}) nor set aside (${code}): starting fresh; the next saved change replaces it.`,
    );
  }
  return undefined;
}
