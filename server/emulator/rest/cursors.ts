// Query locators for nextRecordsUrl. Like Salesforce, each user keeps at most 10 open cursors (opening an 11th
// releases the oldest) and an idle cursor expires after 15 minutes; a locator only works for its own user.
import { randomBytes } from 'node:crypto';

export interface Cursor {
  userId: string;
  rows: readonly unknown[];
  batch: number;
  project(row: unknown, version: string): unknown;
  lastUsed: number;
}

const PER_USER = 10;
const IDLE_MS = 15 * 60 * 1000;

export class CursorStore {
  private readonly cursors = new Map<string, Cursor>();

  constructor(private readonly now: () => number) {}

  /** A new locator in Salesforce's shape: an 18-character id with the 01g prefix. */
  open(cursor: Omit<Cursor, 'lastUsed'>): string {
    const mine = [...this.cursors].filter(([, other]) => other.userId === cursor.userId);
    for (const [locator] of mine.slice(0, Math.max(0, mine.length - PER_USER + 1)))
      this.cursors.delete(locator);
    const random = BigInt(`0x${randomBytes(8).toString('hex')}`)
      .toString(36)
      .padStart(13, '0')
      .slice(-12);
    const locator = `01g${random}AAA`;
    this.cursors.set(locator, { ...cursor, lastUsed: this.now() });
    return locator;
  }

  find(locator: string, userId: string): Cursor | undefined {
    const cursor = this.cursors.get(locator);
    if (!cursor || cursor.userId !== userId) return undefined;
    if (this.now() - cursor.lastUsed > IDLE_MS) {
      this.cursors.delete(locator);
      return undefined;
    }
    cursor.lastUsed = this.now();
    return cursor;
  }

  clear(): void {
    this.cursors.clear();
  }
}
