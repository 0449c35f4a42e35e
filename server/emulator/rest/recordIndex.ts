// The org's records in memory, found by 18- or 15-character id and listed per object in insertion order; a list
// is built once and kept until a record of its object changes.
import { objectForId } from './schema.ts';
import type { SRecord } from './seed.ts';

export class RecordIndex {
  private readonly byId = new Map<string, SRecord>();
  private readonly byId15 = new Map<string, SRecord>();
  private readonly order = new Map<string, string[]>();
  private readonly lists = new Map<string, { live: SRecord[]; all: SRecord[] }>();

  /** Live records of a type, or with `includeDeleted` the recycle bin too (queryAll). */
  list(type: string, includeDeleted: boolean): readonly SRecord[] {
    let cached = this.lists.get(type);
    if (!cached) {
      const all = (this.order.get(type) ?? []).map((id) => this.byId.get(id) as SRecord);
      cached = { all, live: all.filter((record) => record.IsDeleted !== true) };
      this.lists.set(type, cached);
    }
    return includeDeleted ? cached.all : cached.live;
  }

  get(id: string): SRecord | undefined {
    return id.length === 15 ? this.byId15.get(id) : this.byId.get(id);
  }

  get size(): number {
    return this.byId.size;
  }

  /** Adds a record, or replaces the one with its id (keeping that one's place in the list). */
  index(record: SRecord): void {
    const id = String(record.Id);
    const type = objectForId(id)?.name ?? '';
    if (!this.byId.has(id)) {
      const ids = this.order.get(type) ?? [];
      ids.push(id);
      this.order.set(type, ids);
    }
    this.byId.set(id, record);
    this.byId15.set(id.slice(0, 15), record);
    this.lists.delete(type);
  }

  forget(id: string): void {
    const type = objectForId(id)?.name ?? '';
    this.byId.delete(id);
    this.byId15.delete(id.slice(0, 15));
    this.order.set(
      type,
      (this.order.get(type) ?? []).filter((other) => other !== id),
    );
    this.lists.delete(type);
  }

  clear(): void {
    this.byId.clear();
    this.byId15.clear();
    this.order.clear();
    this.lists.clear();
  }
}
