// The emulator's data folder (EMULATOR_DATA_DIR), checked before anything listens: a folder this user can write,
// files in it this user can read and replace, and no other emulator using it.
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fail } from './configValues.ts';
import { EMULATOR_DATA_FILES } from './emulator/dataFiles.ts';
import { errorCode } from './fileAccess.ts';
import { isRunning } from './processes.ts';
import { CLAIM_FILE, dropClaim, holdClaim, takeOverClaim, type TakeoverResult } from './claimTakeover.ts';

/** The emulator's data folder, made if missing: a file in its place or no right to write stops start-up, named. */
export function checkDataDir(dir: string, uid = process.getuid?.()): void {
  try {
    makeFolders(dir);
    accessSync(dir, constants.W_OK);
  } catch (error) {
    const code = errorCode(error);
    fail(
      'EMULATOR_DATA_DIR',
      `is ${dir}, which cannot be used as a folder (${code}): make it a folder this user can write, or set EMULATOR_DATA_DIR to one`,
    );
  }
  for (const name of Object.values(EMULATOR_DATA_FILES)) checkDataFile(dir, path.join(dir, name), uid);
}

/**
 * A saved file this user cannot read (left by a run with sudo, say) would be set aside as corrupt, and everything in
 * it lost to the running emulator; one it cannot replace would lose every change. Either stops start-up instead.
 */
function checkDataFile(dir: string, file: string, uid: number | undefined): void {
  let owner: number;
  try {
    owner = statSync(file).uid;
    accessSync(file, constants.R_OK);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') return;
    return fail('EMULATOR_DATA_DIR', `holds ${file}, which this user cannot read (${code}): ${GIVE_BACK}`);
  }
  // Each save replaces the file (a rename): in a folder with the sticky bit, as /tmp has, only the file's owner (or
  // the folder's) may.
  const folder = statSync(dir);
  const sticky = (folder.mode & STICKY_BIT) !== 0;
  if (sticky && uid !== undefined && uid !== 0 && owner !== uid && folder.uid !== uid) {
    fail(
      'EMULATOR_DATA_DIR',
      `holds ${file}, owned by another user (uid ${owner}) in a folder where only a file's owner may replace it: ${GIVE_BACK}`,
    );
  }
}

/** S_ISVTX, which Node's fs.constants does not export. */
const STICKY_BIT = 0o1000;
const GIVE_BACK =
  'give it back to this user with chown (a run with sudo leaves such files), or set EMULATOR_DATA_DIR to another folder';

/**
 * mkdir -p one level at a time: Node's recursive mkdirSync never returns under /proc, where mkdir answers ENOENT
 * however often it is asked.
 */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  let at = path.resolve(dir);
  while (!existsSync(at) && path.dirname(at) !== at) {
    missing.unshift(at);
    at = path.dirname(at);
  }
  // The data folder itself is this user's alone (0700); folders above it are made as mkdir -p would.
  for (const folder of missing) mkdirSync(folder, folder === missing.at(-1) ? { mode: 0o700 } : {});
  if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
}

/**
 * One emulator per data folder: two would each overwrite the other's tokens, approvals and records (the last writer
 * wins). The folder is claimed with a file holding this process's id; one left by a process that has ended is taken
 * over, one start at a time (claimTakeover.ts). Returns the release, for after the emulator's last write.
 */
export function claimDataDir(dir: string): () => void {
  const file = path.join(dir, CLAIM_FILE);
  const mine = String(process.pid);
  try {
    writeFileSync(file, mine, { flag: 'wx' });
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
    // A claim left by a run with sudo that was killed may be root's alone: said, rather than a bare EACCES.
    const unusable = (problem: unknown): never =>
      fail(
        'EMULATOR_DATA_DIR',
        `holds ${file}, which this user cannot use (${errorCode(problem)}): ${GIVE_BACK}`,
      );
    let claim = '';
    try {
      claim = readFileSync(file, 'utf8');
    } catch (problem) {
      unusable(problem);
    }
    const holder = Number(claim);
    if (holder > 0 && isRunning(holder)) {
      fail(
        'EMULATOR_DATA_DIR',
        `is ${dir}, which an emulator already running uses (process ${holder}): stop that one, or set EMULATOR_DATA_DIR to another folder (if no emulator runs, delete ${file})`,
      );
    }
    let taken: TakeoverResult = 'claimed meanwhile';
    try {
      taken = takeOverClaim(file, claim, mine);
    } catch (problem) {
      unusable(problem);
    }
    if (taken === 'claimed meanwhile') {
      fail(
        'EMULATOR_DATA_DIR',
        `is ${dir}, which an emulator starting at the same moment has just claimed: start only one, or set EMULATOR_DATA_DIR to another folder`,
      );
    }
  }
  holdClaim(file, mine);
  return () => {
    dropClaim(file);
    try {
      if (readFileSync(file, 'utf8') === mine) unlinkSync(file);
    } catch {
      // Gone already (the folder was removed): nothing to release.
    }
  };
}
