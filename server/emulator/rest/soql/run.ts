// Runs one SOQL statement over the record store: parse once, compile WHERE once, filter, then count, aggregate
// or sort and page. Valid SOQL this emulator cannot evaluate is refused, never answered wrongly.
import type { Query } from '@jetstreamapp/soql-parser-js';
import { emulatorLimit, invalidType, soqlError } from '../restError.ts';
import { findObject } from '../schema.ts';
import type { SRecord } from '../seed.ts';
import { runAggregate } from './aggregate.ts';
import { compileWhere, MAX_COMPARISONS, tooLong } from './filter.ts';
import { PathResolver, type RecordSource } from './fieldPath.ts';
import { sortRows } from './order.ts';
import { parseSoql } from './parse.ts';
import { planRecords } from './select.ts';
import type { QueryOptions } from './types.ts';

export type { QueryOptions } from './types.ts';

export interface QueryOutcome {
  totalSize: number;
  rows: readonly unknown[];
  project(row: unknown, version: string): unknown;
  /** GROUP BY or aggregate functions: one batch at most, never a query locator. */
  aggregate?: boolean;
}

const MAX_OFFSET = 2000;

export function runSoql(soql: string, source: RecordSource, options: QueryOptions): QueryOutcome {
  const query = parseSoql(soql);
  refuseUnsupported(soql, query);
  const object = findObject(query.sObject ?? '');
  if (!object) throw invalidType(soql, query.sObject ?? '');
  const resolver = new PathResolver(soql, object, query.sObjectAlias);
  let rows: readonly SRecord[] = source.list(object.name, options.includeDeleted);
  if (query.usingScope?.toLowerCase() === 'mine') rows = rows.filter((row) => row.OwnerId === options.userId);
  if (query.where) {
    const where = compileWhere(soql, query.where, resolver, source, options);
    if (rows.length * where.comparisons > MAX_COMPARISONS) throw tooLong();
    rows = rows.filter(where.test);
  }
  if ((query.offset ?? 0) > MAX_OFFSET) {
    throw soqlError(
      'NUMBER_OUTSIDE_VALID_RANGE',
      soql,
      'OFFSET',
      `Maximum SOQL offset allowed is ${MAX_OFFSET}`,
    );
  }
  const page = (all: readonly unknown[]) => {
    const offset = query.offset ?? 0;
    return all.slice(offset, query.limit === undefined ? undefined : offset + query.limit);
  };
  const fields = query.fields ?? [];
  const isCount = fields.some(
    (f) =>
      f.type === 'FieldFunctionExpression' && /^count$/i.test(f.functionName) && f.parameters.length === 0,
  );
  if (isCount) {
    if (fields.length > 1 || query.groupBy)
      throw emulatorLimit(soql, 'COUNT()', 'COUNT() with other fields or GROUP BY');
    return { totalSize: page(rows).length, rows: [], project: (row) => row };
  }
  const isAggregate =
    query.groupBy !== undefined ||
    fields.some((f) => f.type === 'FieldFunctionExpression' && f.isAggregateFn);
  if (isAggregate) {
    const results = runAggregate(soql, query, resolver, source, rows, options);
    return { totalSize: results.length, rows: results, project: (row) => row, aggregate: true };
  }
  const plan = planRecords(soql, query, resolver, source, options);
  const sorted = sortRows(soql, rows, query.orderBy, resolver, source);
  const result = page(sorted) as SRecord[];
  return {
    totalSize: result.length,
    rows: result,
    project: (row, version) => plan.project(row as SRecord, version),
  };
}

function refuseUnsupported(soql: string, query: Query): void {
  const scope = query.usingScope?.toLowerCase();
  if (scope && scope !== 'everything' && scope !== 'mine')
    throw emulatorLimit(soql, 'SCOPE', `USING SCOPE ${query.usingScope}`);
  if (query.for === 'UPDATE') throw emulatorLimit(soql, 'FOR', 'FOR UPDATE');
  if (query.update) throw emulatorLimit(soql, 'UPDATE', `UPDATE ${query.update}`);
  if (query.withDataCategory) throw emulatorLimit(soql, 'WITH', 'WITH DATA CATEGORY');
}
