// The SELECT list of a record query: fields, parent fields, FIELDS(STANDARD) and child subqueries, checked
// against the schema; anything else valid in SOQL is refused as an emulator limit.
import type { FieldType as SelectField, Query } from '@jetstreamapp/soql-parser-js';
import { emulatorLimit, malformed } from '../restError.ts';
import type { SRecord } from '../seed.ts';
import { planChild, type ChildPlan } from './children.ts';
import type { FieldPath, PathResolver, RecordSource } from './fieldPath.ts';
import { newApiRecord, place, type ApiRecord } from './project.ts';
import type { QueryOptions } from './types.ts';

export interface RecordPlan {
  paths: FieldPath[];
  project(row: SRecord, version: string): ApiRecord;
}

export function planRecords(
  soql: string,
  query: Query,
  resolver: PathResolver,
  source: RecordSource,
  options: QueryOptions,
): RecordPlan {
  const items: (FieldPath | ChildPlan)[] = [];
  const seen = new Set<string>();
  const add = (item: FieldPath | ChildPlan) => {
    if (seen.has(item.key.toLowerCase()))
      throw malformed(soql, item.key, `duplicate field selected: ${item.key}`);
    seen.add(item.key.toLowerCase());
    items.push(item);
  };
  for (const selected of query.fields ?? []) {
    for (const item of selectItems(soql, query, selected, resolver, source, options)) add(item);
  }
  const paths = items.filter((item): item is FieldPath => 'field' in item);
  return {
    paths,
    project(row, version) {
      const out = newApiRecord(row, version);
      for (const item of items) {
        if ('field' in item) place(out, row, item, source, version);
        else out[item.key] = item.project(row, version);
      }
      return out;
    },
  };
}

function selectItems(
  soql: string,
  query: Query,
  selected: SelectField,
  resolver: PathResolver,
  source: RecordSource,
  options: QueryOptions,
): (FieldPath | ChildPlan)[] {
  switch (selected.type) {
    case 'Field':
    case 'FieldRelationship': {
      // Outside an aggregate query a field takes no alias; Salesforce names the mistake (observed wording).
      if ('alias' in selected && selected.alias)
        throw malformed(soql, selected.alias, 'only aggregate expressions use field aliasing');
      return [resolver.resolve(fieldPathText(selected))];
    }
    case 'FieldSubquery':
      return [planChild(soql, selected.subquery, resolver.object, source, options, planRecords)];
    case 'FieldFunctionExpression':
      if (selected.functionName.toUpperCase() === 'FIELDS')
        return fieldsFunction(soql, query, selected.parameters, resolver);
      throw emulatorLimit(soql, selected.functionName, `The ${selected.functionName}() function in SELECT`);
    default:
      throw emulatorLimit(soql, 'TYPEOF', 'TYPEOF');
  }
}

/** A selected field as written: Name, or a parent path such as Owner.Name. */
export function fieldPathText(
  selected: Extract<SelectField, { type: 'Field' | 'FieldRelationship' }>,
): string {
  return selected.type === 'Field'
    ? selected.field
    : (selected.rawValue ?? [...selected.relationships, selected.field].join('.'));
}

/** FIELDS(STANDARD) lists every field; ALL and CUSTOM need LIMIT 200 at most, as Salesforce requires. */
function fieldsFunction(
  soql: string,
  query: Query,
  parameters: unknown[],
  resolver: PathResolver,
): FieldPath[] {
  const which = String(parameters[0] ?? '').toUpperCase();
  if (which !== 'STANDARD' && (query.limit === undefined || query.limit > 200)) {
    throw malformed(soql, 'FIELDS', 'The SOQL FIELDS function must have a LIMIT of at most 200');
  }
  if (which === 'CUSTOM')
    throw emulatorLimit(soql, 'FIELDS', 'FIELDS(CUSTOM) on an org without custom fields');
  return resolver.object.fields.map((field) => resolver.resolve(field.name));
}
