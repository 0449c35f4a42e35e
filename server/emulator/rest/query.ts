// Runs SOQL over the seeded records: parse with a real SOQL parser, check names, filter, sort, page, project.
import {
  parseQuery,
  type FieldType as ParsedField,
  type OrderByClause,
  type Query,
} from '@jetstreamapp/soql-parser-js';
import { compileCondition } from './conditions.ts';
import { invalidField, invalidType, malformed, RestError } from './restError.ts';
import { findField, findObject, findRelationship, type ObjectDef } from './schema.ts';
import type { FieldValue, SRecord } from './seed.ts';
import { compileWhere } from './where.ts';

export interface QueryResult {
  /** COUNT() queries return a count and no records. */
  count?: number;
  records: SRecord[];
  object: ObjectDef;
  /** Canonical field paths to return, e.g. ["Id", "Account.Name"]. */
  fields: string[];
}

export interface Dataset {
  records(object: string): SRecord[];
  byId(id: string): SRecord | undefined;
}

export function runQuery(soql: string, data: Dataset): QueryResult {
  const parsed = parse(soql);
  const object = parsed.sObject ? findObject(parsed.sObject) : undefined;
  if (!object) throw invalidType(soql, parsed.sObject ?? '');
  const resolve = (path: string) => resolveField(soql, object, path);
  const read = (record: SRecord) => (path: string) => readPath(record, path, data);
  let rows = data.records(object.name);
  if (parsed.where) {
    const matches = compileWhere(parsed.where, (condition) => compileCondition(condition, soql, resolve));
    rows = rows.filter((record) => matches(read(record)));
  }
  const { fields, isCount } = selectedFields(soql, parsed.fields ?? [], resolve);
  if (isCount) return { count: rows.length, records: [], object, fields };
  rows = sortRows(rows, parsed.orderBy, resolve, read);
  const offset = parsed.offset ?? 0;
  rows = rows.slice(offset, parsed.limit === undefined ? undefined : offset + parsed.limit);
  return { records: rows, object, fields };
}

function parse(soql: string): Query {
  try {
    return parseQuery(soql);
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    const token = /found[^']*'([^']*)'/.exec(message)?.[1] ?? soql.trim().split(/\s+/).pop() ?? '';
    throw malformed(soql, token, `unexpected token: ${token || 'end of query'}`);
  }
}

function selectedFields(soql: string, parsed: ParsedField[], resolve: (path: string) => string) {
  const fields: string[] = [];
  let isCount = false;
  for (const field of parsed) {
    if (field.type === 'Field') fields.push(resolve(field.field));
    else if (field.type === 'FieldRelationship')
      fields.push(resolve(field.rawValue ?? [...field.relationships, field.field].join('.')));
    else if (
      field.type === 'FieldFunctionExpression' &&
      field.functionName.toUpperCase() === 'COUNT' &&
      field.parameters.length === 0
    )
      isCount = true;
    else
      throw malformed(
        soql,
        'SELECT',
        'Only plain fields, parent fields (Account.Name) and COUNT() are supported by this emulator.',
      );
  }
  return { fields, isCount };
}

/** Canonical case for a field path, or Salesforce's INVALID_FIELD error. */
export function resolveField(soql: string, object: ObjectDef, path: string): string {
  const parts = path.split('.');
  if (parts.length === 1) {
    const field = findField(object, path);
    if (!field) throw invalidField(soql, path, object.name);
    return field.name;
  }
  const relation = findRelationship(object, parts[0]);
  const parent = relation?.relationship ? findObject(relation.relationship.to) : undefined;
  if (!relation?.relationship || !parent) throw invalidField(soql, path, object.name);
  return `${relation.relationship.name}.${resolveField(soql, parent, parts.slice(1).join('.'))}`;
}

function readPath(record: SRecord, path: string, data: Dataset): FieldValue {
  const dot = path.indexOf('.');
  if (dot < 0) return record[path] ?? null;
  const relation = path.slice(0, dot);
  const parent = data.byId(String(record[`${relation}Id`] ?? ''));
  return parent ? readPath(parent, path.slice(dot + 1), data) : null;
}

function sortRows(
  rows: SRecord[],
  orderBy: OrderByClause | OrderByClause[] | undefined,
  resolve: (p: string) => string,
  read: (r: SRecord) => (p: string) => FieldValue,
): SRecord[] {
  const clauses = (Array.isArray(orderBy) ? orderBy : orderBy ? [orderBy] : []).map((clause) => {
    if (!('field' in clause) || !clause.field)
      throw new RestError(400, 'MALFORMED_QUERY', 'ORDER BY supports fields only in this emulator.');
    return {
      field: resolve(clause.field),
      desc: clause.order === 'DESC',
      nullsLast: clause.nulls ? clause.nulls === 'LAST' : clause.order === 'DESC',
    };
  });
  if (clauses.length === 0) return rows;
  return [...rows].sort((a, b) => {
    for (const { field, desc, nullsLast } of clauses) {
      const [x, y] = [read(a)(field), read(b)(field)];
      if (x === y) continue;
      if (x === null || y === null) return (x === null) === nullsLast ? 1 : -1;
      const order =
        typeof x === 'number' && typeof y === 'number'
          ? x - y
          : String(x).localeCompare(String(y), 'en', { sensitivity: 'base' });
      if (order !== 0) return desc ? -order : order;
    }
    return 0;
  });
}
