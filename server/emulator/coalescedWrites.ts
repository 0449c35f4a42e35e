// Writes one file off the request path: every change marked within a short delay becomes a single atomic write
// (temporary file + rename, mode 0600), and `close` writes whatever is still pending, so a clean shutdown keeps
// every change a response already acknowledged, or throws, naming the file, when it cannot.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkClaim } from '../claimTakeover.ts';

/** Long enough to gather a burst of token requests into one write, short enough that a crash loses little. */
export const WRITE_DELAY_MS = 200;

export class CoalescedWrites {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private dirty = false;
  private closed = false;
  /** Why the last write failed, while its changes are still unsaved. */
  private failure: string | undefined;
  /** Whether the file was there at start or written since: one that goes away is then written back at close. */
  private onDisk: boolean;

  constructor(
    readonly file: string,
    private readonly serialize: () => string,
    private readonly delayMs = WRITE_DELAY_MS,
  ) {
    this.onDisk = existsSync(file);
  }

  /** Marks the content changed: one write follows shortly, however many changes arrive meanwhile. */
  changed(): void {
    this.dirty = true;
    if (this.closed) {
      // After close nothing would write it later: a straggling change is written at once.
      try {
        this.writeNow();
      } catch (error) {
        this.dirty = true;
        this.report(error);
      }
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.delayMs);
    // A pending write never keeps the process alive on its own: close() is what a shutdown awaits.
    this.timer.unref();
  }

  /** Synchronously, for start-up (the file exists before the server answers anything) and after close. */
  writeNow(): void {
    this.dirty = false;
    const temp = this.tempFile();
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      checkClaim(path.dirname(this.file));
      writeFileSync(temp, this.serialize(), { mode: 0o600 });
      renameSync(temp, this.file);
      this.onDisk = true;
    } catch (error) {
      // No half-written temporary file left beside the state (a full disk); the caller says what failed.
      try {
        rmSync(temp, { force: true });
      } catch {
        // Its folder is not one (a file in its place): there is no temporary file to remove.
      }
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      const fix =
        code === 'ENOSPC'
          ? 'free space on its disk, or set EMULATOR_DATA_DIR to a folder with room'
          : 'set EMULATOR_DATA_DIR to a folder this user can write';
      throw Object.assign(new Error(`${this.file} could not be written (${code}): ${fix}`), { code });
    }
    this.failure = undefined;
  }

  /** Writes now if anything changed since the last write, after any write already under way. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    if (!this.dirty) return;
    this.dirty = false;
    this.writing = this.write().finally(() => {
      this.writing = undefined;
    });
    await this.writing;
  }

  /**
   * Stops the timer and writes what is pending; the stack's close (a signal) awaits this. Changes that could not be
   * written are not kept quiet: it throws, naming the file and why, so the shutdown says so and exits non-zero.
   */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    // The file went away while the emulator ran (its folder removed by hand) with nothing changed since: what the
    // emulator holds is written back, as a change would have, rather than lost at the stop. (A file never written,
    // such as the REST records of an org whose records are still the seed, stays unwritten.)
    if (this.onDisk && !existsSync(this.file)) this.dirty = true;
    await this.flush();
    if (this.dirty) throw new Error(`changes to ${this.file} could not be saved (${this.failure})`);
  }

  private async write(): Promise<void> {
    const temp = this.tempFile();
    try {
      // Made again if removed while the emulator ran (by hand, a cleaned temp folder), with its claim on it.
      await mkdir(path.dirname(this.file), { recursive: true });
      checkClaim(path.dirname(this.file));
      await writeFile(temp, this.serialize(), { mode: 0o600 });
      await rename(temp, this.file);
      this.onDisk = true;
      this.failure = undefined;
    } catch (error) {
      // Kept dirty: the next change (or close) tries again. The emulator keeps serving from memory meanwhile. The
      // temporary file goes: a rename refused (the file another user's) would otherwise leave it beside the data.
      await rm(temp, { force: true }).catch(() => undefined);
      this.dirty = true;
      this.report(error);
    }
  }

  private report(error: unknown): void {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    this.failure = reason;
    console.error(`[emulator] could not save ${this.file} (${reason}); will try again on the next change.`);
  }

  private readonly tempFile = () => `${this.file}.${process.pid}.tmp`;

  /**
   * Temporary files of earlier runs killed mid-write (SIGKILL, a crash): never the state, and holding what it held,
   * signing key and tokens included. Removed at start, when this folder is this emulator's alone.
   */
  removeLeftovers(): void {
    const folder = path.dirname(this.file);
    const mine = new RegExp(`^${escapeRegExp(path.basename(this.file))}\\.\\d+\\.tmp$`);
    try {
      for (const name of readdirSync(folder))
        if (mine.test(name)) rmSync(path.join(folder, name), { force: true });
    } catch {
      // No folder yet, or one this user cannot list: nothing of ours is in it.
    }
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
