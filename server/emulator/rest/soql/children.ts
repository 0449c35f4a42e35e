// Child subqueries, e.g. (SELECT Id FROM Contacts): the child rows are filtered, sorted and grouped by parent
// once, on first use, so each parent record only looks its own rows up.
import type { Subquery } from '@jetstreamapp/soql-parser-js';
import { emulatorLimit, soqlError } from '../restError.ts';
import { findChildRelationship, findObject, type ObjectDef } from '../schema.ts';
import type { SRecord } from '../seed.ts';
import { PathResolver, type RecordSource } from './fieldPath.ts';
import { sortRows } from './order.ts';
import { compileWhere, MAX_COMPARISONS, tooLong } from './filter.ts';
import type { QueryOptions } from './types.ts';

export interface ChildPlan {
  /** The relationship name, the key the nested result has in each parent record. */
  key: string;
  project(parent: SRecord, version: string): { totalSize: number; done: true; records: unknown[] } | null;
}

/** How the outer SELECT plans the child's own field list (passed in: the two plan each other, recursively). */
export type PlanRecords = (
  soql: string,
  query: Subquery & { sObject: string },
  resolver: PathResolver,
  source: RecordSource,
  options: QueryOptions,
) => { project(record: SRecord, version: string): unknown };

export function planChild(
  soql: string,
  subquery: Subquery,
  parent: ObjectDef,
  source: RecordSource,
  options: QueryOptions,
  planRecords: PlanRecords,
): ChildPlan {
  const relationship = findChildRelationship(parent, subquery.relationshipName);
  const child = relationship ? findObject(relationship.childSObject) : undefined;
  if (!relationship || !child) {
    throw soqlError(
      'INVALID_TYPE',
      soql,
      subquery.relationshipName,
      `Didn't understand relationship '${subquery.relationshipName}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
    );
  }
  if (subquery.groupBy || subquery.having || subquery.offset !== undefined) {
    throw emulatorLimit(soql, subquery.relationshipName, 'GROUP BY, HAVING or OFFSET in a child subquery');
  }
  const resolver = new PathResolver(soql, child, subquery.sObjectPrefix?.[0]);
  const plan = planRecords(soql, { ...subquery, sObject: child.name }, resolver, source, options);
  const where = subquery.where ? compileWhere(soql, subquery.where, resolver, source, options) : undefined;
  const candidates = source.list(child.name, options.includeDeleted);
  if (where && candidates.length * where.comparisons > MAX_COMPARISONS) throw tooLong();
  let byParent: Map<string, SRecord[]> | undefined;
  const index = () => {
    const rows = where ? candidates.filter(where.test) : candidates;
    const grouped = new Map<string, SRecord[]>();
    for (const row of sortRows(soql, rows, subquery.orderBy, resolver, source)) {
      const parentId = row[relationship.field];
      if (typeof parentId !== 'string') continue;
      const siblings = grouped.get(parentId.slice(0, 15)) ?? [];
      if (subquery.limit === undefined || siblings.length < subquery.limit) siblings.push(row);
      grouped.set(parentId.slice(0, 15), siblings);
    }
    return grouped;
  };
  return {
    key: relationship.relationshipName,
    project(parentRow, version) {
      byParent ??= index();
      const rows = byParent.get(String(parentRow.Id).slice(0, 15));
      if (!rows) return null;
      return { totalSize: rows.length, done: true, records: rows.map((row) => plan.project(row, version)) };
    },
  };
}
