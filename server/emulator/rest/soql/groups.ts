// Grouping for aggregate queries: the GROUP BY clauses as a list, and the rows cut into one group per distinct
// combination of the grouped values (compared as SOQL compares them: text without case, ids on 15 characters).
import type { GroupByClause } from '@jetstreamapp/soql-parser-js';
import type { FieldValue, SRecord } from '../seed.ts';
import { pathReader, type FieldPath, type RecordSource } from './fieldPath.ts';
import { comparable, kindOf } from './values.ts';

export interface Group {
  rows: SRecord[];
  first: SRecord;
  cache: Map<string, FieldValue>;
}

export function groupByClauses(groupBy: GroupByClause | GroupByClause[] | undefined): GroupByClause[] {
  return Array.isArray(groupBy) ? groupBy : groupBy ? [groupBy] : [];
}

/** Without GROUP BY every row is one group, so COUNT(Id) over no rows still answers 0. */
export function groupRows(rows: readonly SRecord[], paths: FieldPath[], source: RecordSource): Group[] {
  if (paths.length === 0) return [{ rows: [...rows], first: rows[0] ?? {}, cache: new Map() }];
  const readers = paths.map((path) => ({ read: pathReader(path, source), kind: kindOf(path.field.type) }));
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const key = JSON.stringify(readers.map(({ read, kind }) => comparable(kind, read(row))));
    const group = groups.get(key);
    if (group) group.rows.push(row);
    else groups.set(key, { rows: [row], first: row, cache: new Map() });
  }
  return [...groups.values()];
}
