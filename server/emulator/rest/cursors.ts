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
   * The emulator's own bound, not Salesforce's (which documents no count since API 56.0): each cursor holds its
   * query's rows in memory, so past this many open at once one is released (and answers INVALID_QUERY_LOCATOR, as
   * an expired one does): expired ones first, then the oldest of the user holding most, so that one client's loop of
   * queries left unpaged cannot take another user's paging away.
   */
  static readonly CAP = 1000;
  /**
   * The same guard in rows: a cursor keeps the record versions its query saw, so after updates each may hold its own
   * copies (about 1 MB for 2,500 changed contacts): at most this many rows are held across all cursors.
   */
  static readonly MAX_ROWS = 200_000;
  /** In opening order: a Map keeps it, so the oldest is the first key. */
  private readonly cursors = new Map<string, Cursor>();

  constructor(private readonly now: () => number) {}

  /** A new locator in the shape the REST guide shows: an 18-character id with the 01g prefix. */
  open(cursor: Omit<Cursor, 'openedAt'>): string {
    while (this.cursors.size > 0 && this.full(cursor.rows.length)) this.release();
    const random = BigInt(`0x${randomBytes(8).toString('hex')}`)
      .toString(36)
      .padStart(13, '0')
      .slice(-12);
    const locator = `01g${random}AAA`;
    this.cursors.set(locator, { ...cursor, openedAt: this.now() });
    return locator;
  }

  /** Whether a cursor of `rows` more would pass either bound. */
  private full(rows: number): boolean {
    let held = rows;
    for (const cursor of this.cursors.values()) held += cursor.rows.length;
    return this.cursors.size >= CursorStore.CAP || held > CursorStore.MAX_ROWS;
  }

  /** Frees room: expired cursors all, else one, the oldest of the user holding most (in opening order). */
  private release(): void {
    const held = new Map<string, number>();
    const before = this.cursors.size;
    for (const [locator, { userId, openedAt }] of this.cursors) {
      if (this.now() - openedAt <= LIFETIME_MS) held.set(userId, (held.get(userId) ?? 0) + 1);
      else this.cursors.delete(locator);
    }
    if (this.cursors.size < before) return;
    const most = Math.max(...held.values());
    for (const [locator, { userId }] of this.cursors) {
      if (held.get(userId) === most) return void this.cursors.delete(locator);
    }
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
