// WHERE over records: each condition is checked against its field (filterable, typed) and compiled once;
// semi- and anti-joins (Id IN (SELECT AccountId FROM Contact)) run their subquery once into an id set.
import type { Query, ValueQueryCondition, WhereClause } from '@jetstreamapp/soql-parser-js';
import { emulatorLimit, invalidType, RestError, soqlError } from '../restError.ts';
import { findObject, type ObjectDef } from '../schema.ts';
import type { SRecord } from '../seed.ts';
import { compileComparison } from './conditions.ts';
import { PathResolver, pathReader, type FieldPath, type RecordSource } from './fieldPath.ts';
import type { QueryOptions } from './types.ts';
import { comparable } from './values.ts';
import { compileClause, type CompiledClause } from './where.ts';

/** Comparisons one query may make (rows × conditions) before it is stopped, as a slow real query would be. */
export const MAX_COMPARISONS = 2_000_000;

export const tooLong = () =>
  new RestError(400, 'QUERY_TIMEOUT', 'Your query request was running for too long.');

export function compileWhere(
  soql: string,
  where: WhereClause,
  resolver: PathResolver,
  source: RecordSource,
  options: QueryOptions,
  inSubquery = false,
): CompiledClause<SRecord> {
  const ctx = { soql, now: options.now };
  return compileClause<SRecord>(soql, where, (condition) => {
    if (!('field' in condition)) throw emulatorLimit(soql, 'WHERE', 'A function in WHERE');
    const path = resolver.resolveUsable(condition.field, 'filtered');
    const operand = { label: path.field.name, type: path.field.type };
    const read = pathReader(path, source);
    if (!('valueQuery' in condition)) return compileComparison(operand, read, condition, ctx);
    if (inSubquery)
      throw soqlError('MALFORMED_QUERY', soql, 'SELECT', 'Nesting of semi join sub-selects is not supported');
    const { valueQuery } = condition as ValueQueryCondition;
    const idSet = semiJoinIds(soql, path, resolver.object, valueQuery, source, options);
    return compileComparison(operand, read, { operator: condition.operator, idSet }, ctx);
  });
}

/** The ids a semi-join subquery selects; both sides must be ids of the same object, as Salesforce requires. */
function semiJoinIds(
  soql: string,
  left: FieldPath,
  leftRoot: ObjectDef,
  subquery: Query,
  source: RecordSource,
  options: QueryOptions,
): Set<string> {
  const object = findObject(subquery.sObject ?? '');
  if (!object) throw invalidType(soql, subquery.sObject ?? '');
  const [selected, ...others] = subquery.fields ?? [];
  if (!selected || others.length > 0 || selected.type !== 'Field') {
    throw soqlError(
      'MALFORMED_QUERY',
      soql,
      'SELECT',
      'a semi join sub-select must select exactly one Id or reference field',
    );
  }
  if (subquery.groupBy || subquery.orderBy || subquery.offset !== undefined) {
    throw emulatorLimit(soql, 'SELECT', 'GROUP BY, ORDER BY or OFFSET in a semi join sub-select');
  }
  const resolver = new PathResolver(soql, object, subquery.sObjectAlias);
  const right = resolver.resolve(selected.field);
  const target = pointsTo(right, object);
  if (!target || target !== pointsTo(left, leftRoot)) {
    throw soqlError(
      'INVALID_FIELD',
      soql,
      selected.field,
      `The selected field '${right.field.name}' in the subquery and the left operand field in the where expression in the outer query '${left.field.name}' must point to the same object type`,
    );
  }
  let rows: readonly SRecord[] = source.list(object.name, options.includeDeleted);
  if (subquery.where) {
    const where = compileWhere(soql, subquery.where, resolver, source, options, true);
    if (rows.length * where.comparisons > MAX_COMPARISONS) throw tooLong();
    rows = rows.filter(where.test);
  }
  if (subquery.limit !== undefined) rows = rows.slice(0, subquery.limit);
  const read = pathReader(right, source);
  const ids = new Set<string>();
  for (const row of rows) {
    const id = comparable('id', read(row));
    if (typeof id === 'string') ids.add(id);
  }
  return ids;
}

/** The object an Id or reference field identifies; undefined for any other field. */
function pointsTo(path: FieldPath, root: ObjectDef): string | undefined {
  if (path.field.type === 'id') return path.references.at(-1)?.reference?.to ?? root.name;
  return path.field.type === 'reference' ? path.field.reference?.to : undefined;
}
