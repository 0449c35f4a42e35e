// Shapes records as the REST API returns them: `attributes` first, canonical field names, parents nested.
import { findObject, objectForId } from './schema.ts';
import type { Dataset } from './query.ts';
import type { FieldValue, SRecord } from './seed.ts';

export type ApiRecord = { attributes: { type: string; url: string } } & Record<string, unknown>;

export function attributes(type: string, id: string, version: string): ApiRecord['attributes'] {
  return { type, url: `/services/data/v${version}/sobjects/${type}/${id}` };
}

/** Projects `fields` (e.g. Id, Name, Account.Name) of one record of `type`. */
export function project(
  record: SRecord,
  type: string,
  fields: string[],
  version: string,
  data: Dataset,
): ApiRecord {
  const out: ApiRecord = { attributes: attributes(type, String(record.Id), version) };
  for (const path of fields) place(out, record, path.split('.'), version, data);
  return out;
}

function place(
  target: Record<string, unknown>,
  record: SRecord,
  path: string[],
  version: string,
  data: Dataset,
): void {
  const [head, ...rest] = path;
  if (rest.length === 0) {
    target[head] = record[head] ?? null;
    return;
  }
  const parentId = record[`${head}Id`] as FieldValue;
  const parent = typeof parentId === 'string' ? data.byId(parentId) : undefined;
  if (!parent) {
    target[head] = null;
    return;
  }
  const type = objectForId(String(parent.Id))?.name ?? head;
  const existing = target[head] as Record<string, unknown> | null | undefined;
  const nested = existing ?? { attributes: attributes(type, String(parent.Id), version) };
  target[head] = nested;
  place(nested, parent, rest, version, data);
}

/** Every field of a record, for GET /sobjects/<Type>/<id>. */
export function fullRecord(record: SRecord, type: string, version: string): ApiRecord {
  const object = findObject(type);
  const out: ApiRecord = { attributes: attributes(type, String(record.Id), version) };
  for (const field of object?.fields ?? []) out[field.name] = record[field.name] ?? null;
  return out;
}
