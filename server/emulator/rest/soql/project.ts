// Shapes records as the REST API returns them: `attributes` first, canonical field names in SELECT order,
// parent fields nested under their relationship (null when there is no parent).
import { objectForId } from '../schema.ts';
import type { SRecord } from '../seed.ts';
import type { FieldPath, RecordSource } from './fieldPath.ts';

export type ApiRecord = { attributes: { type: string; url?: string } } & Record<string, unknown>;

export function attributes(type: string, id: string, version: string): ApiRecord['attributes'] {
  return { type, url: `/services/data/v${version}/sobjects/${type}/${id}` };
}

export function newApiRecord(record: SRecord, version: string): ApiRecord {
  const id = String(record.Id);
  return { attributes: attributes(objectForId(id)?.name ?? '', id, version) };
}

/** Writes one field path of `record` into `target`, creating the nested parent objects on the way. */
export function place(
  target: Record<string, unknown>,
  record: SRecord,
  path: FieldPath,
  source: RecordSource,
  version: string,
): void {
  let into = target;
  let current = record;
  for (let i = 0; i < path.references.length; i++) {
    const relationship = path.names[i];
    if (into[relationship] === null) return;
    const parentId = current[path.references[i].name];
    const parent = typeof parentId === 'string' ? source.get(parentId) : undefined;
    if (!parent) {
      into[relationship] = null;
      return;
    }
    into[relationship] ??= newApiRecord(parent, version);
    into = into[relationship] as Record<string, unknown>;
    current = parent;
  }
  into[path.field.name] = current[path.field.name] ?? null;
}
