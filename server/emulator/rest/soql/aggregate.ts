// Aggregate queries: GROUP BY fields, aggregate functions with aliases (or expr0, expr1...), HAVING, ORDER BY
// and LIMIT over the groups. Rows come back as AggregateResult records, as Salesforce returns them.
import type { Condition, FieldType as SelectField, Query } from '@jetstreamapp/soql-parser-js';
import { emulatorLimit, malformed, soqlError } from '../restError.ts';
import type { FieldValue, SRecord } from '../seed.ts';
import { aggregateFunction, type AggregateFunction } from './aggregateFunctions.ts';
import { compileComparison } from './conditions.ts';
import { groupByClauses, groupRows, type Group } from './groups.ts';
import { pathReader, type FieldPath, type PathResolver, type RecordSource } from './fieldPath.ts';
import { orderClauses, sortBy, sortKey, sortValue } from './order.ts';
import type { QueryOptions } from './types.ts';
import { sortText } from './caseFold.ts';
import { comparable, kindOf } from './values.ts';
import { compileClause } from './where.ts';

type Column = { name: string; value: (group: Group) => FieldValue };

const NOT_GROUPABLE = new Set(['textarea', 'double', 'currency', 'percent', 'datetime']);

export function runAggregate(
  soql: string,
  query: Query,
  resolver: PathResolver,
  source: RecordSource,
  rows: readonly SRecord[],
  options: QueryOptions,
) {
  // "You can't use a LIMIT clause in a query that uses an aggregate function, but does not use a GROUP BY clause"
  // (SOQL reference, LIMIT). Salesforce's wording for the refusal is not documented: this one names the rule.
  if (query.limit !== undefined && query.groupBy === undefined) {
    throw malformed(
      soql,
      'LIMIT',
      'A LIMIT clause needs a GROUP BY clause in a query with an aggregate function',
    );
  }
  const groupPaths = groupByClauses(query.groupBy).map((clause) => {
    if (!('field' in clause))
      throw emulatorLimit(soql, 'GROUP BY', 'GROUP BY with a function, ROLLUP or CUBE');
    const path = resolver.resolve(clause.field);
    if (NOT_GROUPABLE.has(path.field.type) || !path.field.filterable) {
      throw soqlError(
        'INVALID_FIELD',
        soql,
        clause.field,
        `field '${path.field.name}' can not be grouped in a query call`,
      );
    }
    return path;
  });
  const functions = new Map<string, AggregateFunction>();
  const fn = (name: string, parameters: readonly unknown[]) => {
    const made = aggregateFunction(soql, name, parameters, resolver, source);
    const known = functions.get(made.key) ?? made;
    functions.set(made.key, known);
    return known;
  };
  const evaluate = (group: Group, aggregate: AggregateFunction) => {
    if (!group.cache.has(aggregate.key)) group.cache.set(aggregate.key, aggregate.compute(group.rows));
    return group.cache.get(aggregate.key) ?? null;
  };
  const grouped = (raw: string): FieldPath => {
    const path = resolver.resolve(raw);
    const match = groupPaths.find((candidate) => candidate.key === path.key);
    if (!match) throw malformed(soql, raw, `Field must be grouped or aggregated: ${path.field.name}`);
    return match;
  };
  let unnamed = 0;
  const columns: Column[] = (query.fields ?? []).map((selected: SelectField) => {
    if (selected.type === 'Field' || selected.type === 'FieldRelationship') {
      const raw =
        selected.type === 'Field'
          ? selected.field
          : (selected.rawValue ?? [...selected.relationships, selected.field].join('.'));
      const path = grouped(raw);
      const read = pathReader(path, source);
      return {
        name: ('alias' in selected && selected.alias) || path.field.name,
        value: (group: Group) => read(group.first),
      };
    }
    if (selected.type !== 'FieldFunctionExpression')
      throw emulatorLimit(soql, 'SELECT', 'This SELECT item in an aggregate query');
    const aggregate = fn(selected.functionName, selected.parameters);
    return {
      name: selected.alias ?? `expr${unnamed++}`,
      value: (group: Group) => evaluate(group, aggregate),
    };
  });
  // Two columns under one alias would overwrite each other in the records (Salesforce's wording as reported).
  const aliases = (query.fields ?? []).flatMap((f) => ('alias' in f && f.alias ? [f.alias] : []));
  const twice = aliases.find(
    (alias, i) => aliases.findIndex((a) => a.toLowerCase() === alias.toLowerCase()) !== i,
  );
  if (twice) throw malformed(soql, twice, `duplicate alias: ${twice}`);
  let groups = groupRows(rows, groupPaths, source);
  if (query.having) {
    const ctx = { soql, now: options.now };
    const having = compileClause<Group>(soql, query.having, (condition: Condition) => {
      if ('fn' in condition) {
        const aggregate = fn(condition.fn.functionName ?? '', condition.fn.parameters ?? []);
        return compileComparison(
          { label: aggregate.key, type: aggregate.type },
          (g: Group) => evaluate(g, aggregate),
          condition,
          ctx,
        );
      }
      if (!('field' in condition) || 'valueQuery' in condition)
        throw emulatorLimit(soql, 'HAVING', 'This HAVING condition');
      const path = grouped(condition.field);
      const read = pathReader(path, source);
      return compileComparison(
        { label: path.field.name, type: path.field.type },
        (g: Group) => read(g.first),
        condition,
        ctx,
      );
    });
    groups = groups.filter(having.test);
  }
  const keys = orderClauses(query.orderBy).map((clause) => {
    if ('fn' in clause) {
      const aggregate = fn(clause.fn.functionName ?? '', clause.fn.parameters ?? []);
      // Text as ORDER BY sorts it everywhere (caseFold.ts sortText), not in its folded form for equality.
      const kind = kindOf(aggregate.type);
      return sortKey<Group>(clause, (g) => {
        const value = evaluate(g, aggregate);
        return kind === 'text' && value !== null ? sortText(String(value)) : comparable(kind, value);
      });
    }
    const path = grouped(clause.field);
    const value = sortValue(path.field, pathReader(path, source));
    return sortKey<Group>(clause, (g) => value(g.first));
  });
  const offset = query.offset ?? 0;
  const page = sortBy(groups, keys).slice(
    offset,
    query.limit === undefined ? undefined : offset + query.limit,
  );
  return page.map((group) => {
    const record: Record<string, unknown> = { attributes: { type: 'AggregateResult' } };
    for (const column of columns) record[column.name] = column.value(group);
    return record;
  });
}
