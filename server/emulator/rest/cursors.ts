// Query locators for nextRecordsUrl, kept as Salesforce keeps them since API 56.0 (Salesforce App Limits, "API Query
// Cursor Limits"; KB 000384958, INVALID_QUERY_LOCATOR): a cursor and its results last two days after the query that
// opened it, used or not, and a user may hold any number (the older ten per user, idle 15 minutes, are gone, for
// every API version). A locator works only for its own user: Salesforce's rule there is unknown, this is the safe one.
import { randomBytes } from 'node:crypto';

export interface Cursor {
  userId: string;
  rows: readonly unknown[];
  batch: number;
  project(row: unknown, version: string): unknown;
  openedAt: number;
}

const LIFETIME_MS = 2 * 24 * 3600 * 1000;

export class CursorStore {
  /**
   * The emulator's own bound, not Salesforce's: each cursor holds its query's rows in memory, so past this many open
   * at once the oldest is released (and answers INVALID_QUERY_LOCATOR, as an expired one does).
   */
  static readonly CAP = 1000;
  /** In opening order: a Map keeps it, so the oldest is the first key. */
  private readonly cursors = new Map<string, Cursor>();

  constructor(private readonly now: () => number) {}

  /** A new locator in the shape the REST guide shows: an 18-character id with the 01g prefix. */
  open(cursor: Omit<Cursor, 'openedAt'>): string {
    if (this.cursors.size >= CursorStore.CAP) this.cursors.delete(this.cursors.keys().next().value as string);
    const random = BigInt(`0x${randomBytes(8).toString('hex')}`)
      .toString(36)
      .padStart(13, '0')
      .slice(-12);
    const locator = `01g${random}AAA`;
    this.cursors.set(locator, { ...cursor, openedAt: this.now() });
    return locator;
  }

  find(locator: string, userId: string): Cursor | undefined {
    const cursor = this.cursors.get(locator);
    if (!cursor || cursor.userId !== userId) return undefined;
    if (this.now() - cursor.openedAt > LIFETIME_MS) {
      this.cursors.delete(locator);
      return undefined;
    }
    return cursor;
  }

  clear(): void {
    this.cursors.clear();
  }
}
