// The column list of a query (GET /query?q=...&columns=true), which the sf CLI's data query asks for before the
// records. Undocumented: each column here carries the four keys clients read (columnName, displayName, aggregate,
// joinColumns); Salesforce's carries more (its field types), which the emulator leaves out rather than guesses.
import type { FieldType as SelectField } from '@jetstreamapp/soql-parser-js';
import { findChildRelationship, findObject } from '../schema.ts';
import { PathResolver, type RecordSource } from './fieldPath.ts';
import { parseSoql } from './parse.ts';
import { runSoql } from './run.ts';
import { fieldPathText } from './select.ts';
import type { QueryOptions } from './types.ts';

export interface Column {
  aggregate: boolean;
  columnName: string;
  displayName: string;
  joinColumns: Column[];
}

/** The columns of a query that runs: one that does not gets the same error as when its records are asked for. */
export function queryColumns(
  soql: string,
  source: RecordSource,
  options: QueryOptions,
): { columnMetadata: Column[]; entityName: string } {
  runSoql(soql, source, options);
  const query = parseSoql(soql);
  const object = findObject(query.sObject ?? '');
  if (!object) throw new Error('runSoql accepted a query on an unknown object');
  const resolver = new PathResolver(soql, object, query.sObjectAlias);
  const counter = { unnamed: 0 };
  return {
    columnMetadata: (query.fields ?? []).flatMap((field) => columnsOf(soql, field, resolver, counter)),
    entityName: object.name,
  };
}

function columnsOf(
  soql: string,
  selected: SelectField,
  resolver: PathResolver,
  counter: { unnamed: number },
): Column[] {
  switch (selected.type) {
    case 'Field':
    case 'FieldRelationship':
      return [pathColumn(resolver.resolve(fieldPathText(selected)).names)];
    case 'FieldSubquery': {
      const relationship = findChildRelationship(resolver.object, selected.subquery.relationshipName);
      const child = relationship && findObject(relationship.childSObject);
      if (!relationship || !child) return [];
      const childResolver = new PathResolver(soql, child, selected.subquery.sObjectPrefix?.[0]);
      const joinColumns = (selected.subquery.fields ?? []).flatMap((field) =>
        columnsOf(soql, field, childResolver, counter),
      );
      const name = relationship.relationshipName;
      return [{ aggregate: true, columnName: name, displayName: name, joinColumns }];
    }
    case 'FieldFunctionExpression': {
      if (selected.functionName.toUpperCase() === 'FIELDS') {
        const fields = selected.parameters[0] === 'STANDARD' || selected.parameters[0] === 'ALL';
        return fields ? resolver.object.fields.map((field) => pathColumn([field.name])) : [];
      }
      // Aggregates without an alias are named expr0, expr1... in the order they are selected, as in the records.
      const name = selected.alias ?? `expr${counter.unnamed++}`;
      const shown = selected.alias ?? selected.rawValue ?? `${selected.functionName}()`;
      return [{ aggregate: true, columnName: name, displayName: shown, joinColumns: [] }];
    }
    default:
      return [];
  }
}

/** Owner.Name is the column Owner, joined to its column Name, displayed with the whole path. */
function pathColumn(names: string[], prefix = ''): Column {
  const [name, ...rest] = names;
  const displayName = prefix ? `${prefix}.${name}` : name;
  const joinColumns = rest.length > 0 ? [pathColumn(rest, displayName)] : [];
  return { aggregate: false, columnName: name, displayName, joinColumns };
}
