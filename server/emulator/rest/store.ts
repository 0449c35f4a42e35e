// The org's records: the deterministic seed plus every record written through the API (kept in a file of its
// own and cleared by the emulator's reset). Records are replaced, never mutated, so a rollback or an open
// query cursor keeps the version it saw.
import { caseSafeId } from '../ids.ts';
import { RecordIndex } from './recordIndex.ts';
import { objectForId } from './schema.ts';
import type { SRecord } from './seed.ts';

interface Persisted {
  version: 1;
  nextNumber: number;
  nextCaseNumber: number;
  records: SRecord[];
}

type JournalEntry = { id: string; before?: SRecord; changedBefore?: SRecord };

export interface Transaction {
  rollback(): void;
}

export class RecordStore {
  private readonly records = new RecordIndex();
  /** Records that differ from the seed: what the file holds. */
  private changed = new Map<string, SRecord>();
  private journal: JournalEntry[] | undefined;
  private nextNumber = 1;
  private nextCaseNumber = 100_001;

  private loaded = false;

  /**
   * Nothing is built until the first call that needs records: seeding thousands of them would otherwise hold up
   * every start, even one that never meets the REST API.
   */
  constructor(
    private readonly seed: () => Map<string, SRecord[]>,
    private readonly onChange: () => void = () => {},
    private readonly saved: () => unknown = () => undefined,
  ) {}

  private ready(): void {
    if (this.loaded) return;
    this.loaded = true;
    this.load(this.saved());
  }

  /** Live records of a type, or with `includeDeleted` the recycle bin too (queryAll). */
  list(type: string, includeDeleted = false): readonly SRecord[] {
    this.ready();
    return this.records.list(type, includeDeleted);
  }

  /** A record by its 15- or 18-character id, deleted ones included. */
  get(id: string): SRecord | undefined {
    this.ready();
    return this.records.get(id);
  }

  /** Records held, the recycle bin included: what data storage is counted on. */
  get size(): number {
    this.ready();
    return this.records.size;
  }

  /** A new 18-character id of the object's prefix, never reused (the counter survives a reset). */
  newId(prefix: string): string {
    // The counter continues from the saved file's, so the file is read first.
    this.ready();
    const n = this.nextNumber++;
    return caseSafeId(`${prefix}5j1${n.toString(36).padStart(9, '0')}`);
  }

  newCaseNumber(): string {
    this.ready();
    return String(this.nextCaseNumber++).padStart(8, '0');
  }

  /** Inserts or replaces a record, journalled when a transaction is open. */
  put(record: SRecord): void {
    this.ready();
    const id = String(record.Id);
    this.journal?.push({ id, before: this.records.get(id), changedBefore: this.changed.get(id) });
    this.records.index(record);
    this.changed.set(id, record);
    this.onChange();
  }

  /** Everything `put` from now on can be undone until the callback returns. */
  transaction<T>(work: (tx: Transaction) => T): T {
    const outer = this.journal;
    const journal: JournalEntry[] = [];
    this.journal = journal;
    try {
      return work({ rollback: () => this.undo(journal) });
    } finally {
      this.journal = outer;
      if (outer) for (const entry of journal) outer.push(entry);
    }
  }

  reset(): void {
    this.loaded = true;
    this.load(undefined);
    this.onChange();
  }

  /** Starts from the seed, then applies what a previous run saved. */
  private load(saved: unknown): void {
    this.records.clear();
    this.changed.clear();
    for (const records of this.seed().values()) for (const record of records) this.records.index(record);
    const file = saved as Partial<Persisted> | undefined;
    if (!file || file.version !== 1 || !Array.isArray(file.records)) return;
    this.nextNumber = Math.max(this.nextNumber, Number(file.nextNumber) || 1);
    this.nextCaseNumber = Math.max(this.nextCaseNumber, Number(file.nextCaseNumber) || 0);
    for (const record of file.records) {
      if (record && typeof record.Id === 'string' && objectForId(record.Id)) {
        this.records.index(record);
        this.changed.set(record.Id, record);
      }
    }
  }

  serialize(): string {
    this.ready();
    const file: Persisted = {
      version: 1,
      nextNumber: this.nextNumber,
      nextCaseNumber: this.nextCaseNumber,
      records: [...this.changed.values()],
    };
    return JSON.stringify(file);
  }

  private undo(journal: JournalEntry[]): void {
    for (const { id, before, changedBefore } of journal.reverse()) {
      if (before) this.records.index(before);
      else this.records.forget(id);
      if (changedBefore) this.changed.set(id, changedBefore);
      else this.changed.delete(id);
    }
    journal.length = 0;
    this.onChange();
  }
}
