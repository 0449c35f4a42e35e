// Salesforce's JSON deserializer's refusal of a value it cannot read into the Java type where it belongs: a record
// field's (dmlValues.ts), or a collection body's list, object or string (collectionBodies.ts).
import { RestError } from './restError.ts';
import type { FieldDef } from './schema.ts';

const JAVA_TYPES: Partial<Record<FieldDef['type'], string>> = {
  double: 'double',
  currency: 'double',
  percent: 'double',
  int: 'int',
  boolean: 'boolean',
  date: 'date',
  datetime: 'dateTime',
};

/** The JSON token Salesforce's deserializer names for a value it cannot take. */
export function jsonToken(value: unknown): string {
  if (value === null || value === undefined) return 'VALUE_NULL';
  if (typeof value === 'string') return 'VALUE_STRING';
  if (typeof value === 'number') return 'VALUE_NUMBER';
  if (Array.isArray(value)) return 'START_ARRAY';
  if (typeof value === 'object') return 'START_OBJECT';
  return value ? 'VALUE_TRUE' : 'VALUE_FALSE';
}

/**
 * Salesforce's JSON deserializer names the Java type and the JSON token (the exact wording is unconfirmed); a
 * collection's body takes the same words for a value where a list or a string belongs.
 */
export function cannotDeserialize(type: string, value: unknown): RestError {
  // A number past a double's range (1e400) parses as Infinity, which JSON would print as null: say what it was.
  const shown =
    typeof value === 'number' && !Number.isFinite(value)
      ? 'beyond the range of a double'
      : JSON.stringify(value);
  return new RestError(
    400,
    'JSON_PARSER_ERROR',
    `Cannot deserialize instance of ${type} from ${jsonToken(value)} value ${shown} or request may be missing a required field`,
  );
}

/** The Java type Salesforce reads a field's value into, as its deserializer names it. */
export const javaType = (field: FieldDef): string => JAVA_TYPES[field.type] ?? 'String';
