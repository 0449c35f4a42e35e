// One JSON file in the emulator's data folder, written off the request path: changes are coalesced into one
// write a moment later (temp file + rename, mode 0600), and `close` writes whatever is still pending.
import { readFileSync, renameSync, existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';

const WRITE_DELAY_MS = 200;

export class CoalescedFile {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private dirty = false;
  private closed = false;

  constructor(
    readonly path: string,
    private readonly serialize: () => string,
  ) {}

  /** The parsed file, or undefined when there is none; a corrupt file is kept aside and reported. */
  read(): unknown {
    if (!existsSync(this.path)) return undefined;
    try {
      return JSON.parse(readFileSync(this.path, 'utf8'));
    } catch (error) {
      const backup = `${this.path}.corrupt-${Date.now()}`;
      renameSync(this.path, backup);
      const reason = error instanceof Error ? error.message : String(error);
      console.warn(
        `[emulator] ${this.path} could not be read (${reason}); kept as ${backup}, starting fresh.`,
      );
      return undefined;
    }
  }

  /** Marks the content changed; one write follows shortly, however many changes arrive meanwhile. */
  schedule(): void {
    this.dirty = true;
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, WRITE_DELAY_MS);
    this.timer.unref();
  }

  /** Writes now if anything changed, after any write already under way. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    if (!this.dirty) return;
    this.dirty = false;
    this.writing = this.write().finally(() => {
      this.writing = undefined;
    });
    await this.writing;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private async write(): Promise<void> {
    const temp = `${this.path}.${process.pid}.tmp`;
    try {
      await writeFile(temp, this.serialize(), { mode: 0o600 });
      await rename(temp, this.path);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.error(`[emulator] could not save ${this.path}: ${reason}`);
    }
  }
}
