// ORDER BY: each row's sort keys are read once (text in upper case, caseFold.ts), then compared by code point
// (values.ts).
import type { OrderByClause } from '@jetstreamapp/soql-parser-js';
import { emulatorLimit } from '../restError.ts';
import type { FieldDef } from '../schema.ts';
import type { FieldValue, SRecord } from '../seed.ts';
import { pathReader, type PathResolver, type RecordSource } from './fieldPath.ts';
import { sortText } from './caseFold.ts';
import { comparable, compareValues, kindOf, type Comparable } from './values.ts';

export interface SortKey<Row> {
  key: (row: Row) => Comparable;
  descending: boolean;
  nullsLast: boolean;
}

export function orderClauses(orderBy: OrderByClause | OrderByClause[] | undefined): OrderByClause[] {
  return Array.isArray(orderBy) ? orderBy : orderBy ? [orderBy] : [];
}

/**
 * Default null placement: first when ascending, last when descending, null being the lowest value. The SOQL guide
 * says only "by default, null values are sorted first" (its DESC example adds NULLS LAST); developers' guides
 * describe the default flipping with DESC, which this follows.
 */
export function sortKey<Row>(clause: OrderByClause, key: (row: Row) => Comparable): SortKey<Row> {
  const descending = clause.order === 'DESC';
  return { key, descending, nullsLast: clause.nulls ? clause.nulls === 'LAST' : descending };
}

export function sortBy<Row>(rows: readonly Row[], keys: SortKey<Row>[]): Row[] {
  if (keys.length === 0) return [...rows];
  const decorated = rows.map((row) => ({ row, values: keys.map((k) => k.key(row)) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const [x, y] = [a.values[i], b.values[i]];
      if (x === y) continue;
      if (x === null || y === null) return (x === null) === keys[i].nullsLast ? 1 : -1;
      const order = compareValues(x, y);
      if (order !== 0) return keys[i].descending ? -order : order;
    }
    return 0;
  });
  return decorated.map((entry) => entry.row);
}

/**
 * What a field sorts by: its comparable value, except that a picklist sorts in the order its values are defined,
 * not alphabetically (SOQL guide, ORDER BY: "Picklist sorting is defined by the picklist sort determined during
 * setup"). A value the list does not hold sorts after them all.
 */
export function sortValue(field: FieldDef, read: (row: SRecord) => FieldValue | undefined) {
  const kind = kindOf(field.type);
  if (!field.picklist && kind === 'text') {
    return (row: SRecord): Comparable => {
      const value = read(row);
      return value === null || value === undefined ? null : sortText(String(value));
    };
  }
  if (!field.picklist) return (row: SRecord): Comparable => comparable(kind, read(row));
  const places = new Map(field.picklist.map((value, index) => [value.toLowerCase(), index]));
  const unlisted = field.picklist.length;
  return (row: SRecord): Comparable => {
    const value = read(row);
    if (value === null || value === undefined) return null;
    return places.get(String(value).toLowerCase()) ?? unlisted;
  };
}

export function sortRows(
  soql: string,
  rows: readonly SRecord[],
  orderBy: OrderByClause | OrderByClause[] | undefined,
  resolver: PathResolver,
  source: RecordSource,
): SRecord[] {
  const keys = orderClauses(orderBy).map((clause) => {
    if (!('field' in clause))
      throw emulatorLimit(soql, 'ORDER BY', 'ORDER BY a function outside an aggregate query');
    const path = resolver.resolveUsable(clause.field, 'sorted');
    return sortKey<SRecord>(clause, sortValue(path.field, pathReader(path, source)));
  });
  return sortBy(rows, keys);
}
