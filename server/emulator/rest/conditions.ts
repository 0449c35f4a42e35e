// One WHERE condition (field operator value) as a predicate, with SOQL's case-insensitive string matching.
import type { Condition } from '@jetstreamapp/soql-parser-js';
import { malformed } from './restError.ts';
import type { FieldValue } from './seed.ts';
import type { Predicate } from './where.ts';

/** Turns a literal from the parser ('text', 42, TRUE, NULL, 2024-01-01) into a comparable value. */
function literal(raw: string, type: string | undefined): FieldValue {
  if (type === 'NULL' || /^null$/i.test(raw)) return null;
  if (type === 'BOOLEAN') return /^true$/i.test(raw);
  if (type === 'INTEGER' || type === 'DECIMAL') return Number(raw);
  if (type === 'STRING') return raw.slice(1, -1).replace(/\\(.)/g, '$1');
  return raw;
}

function compare(a: FieldValue, b: FieldValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).toLowerCase().localeCompare(String(b).toLowerCase());
}

const equal = (a: FieldValue, b: FieldValue) =>
  a === null || b === null
    ? a === b
    : typeof a === 'string' && typeof b === 'string'
      ? a.toLowerCase() === b.toLowerCase()
      : a === b;

function likePattern(pattern: string): RegExp {
  const body = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(`^${body}$`, 'is');
}

export function compileCondition(
  condition: Condition,
  soql: string,
  resolve: (field: string) => string,
): Predicate {
  if (
    !('field' in condition) ||
    'dateLiteralVariable' in condition ||
    condition.literalType === 'DATE_LITERAL'
  ) {
    throw malformed(soql, 'WHERE', 'This emulator supports field comparisons with literal values only.');
  }
  const field = resolve(condition.field);
  const types = Array.isArray(condition.literalType) ? condition.literalType : [condition.literalType];
  const values = (Array.isArray(condition.value) ? condition.value : [condition.value]).map((raw, i) =>
    literal(raw, types[i] ?? types[0]),
  );
  const [value] = values;
  switch (condition.operator.toUpperCase()) {
    case '=':
      return (read) => equal(read(field), value);
    case '!=':
      return (read) => !equal(read(field), value);
    case '<':
      return (read) => read(field) !== null && compare(read(field), value) < 0;
    case '>':
      return (read) => read(field) !== null && compare(read(field), value) > 0;
    case '<=':
      return (read) => read(field) !== null && compare(read(field), value) <= 0;
    case '>=':
      return (read) => read(field) !== null && compare(read(field), value) >= 0;
    case 'IN':
      return (read) => values.some((v) => equal(read(field), v));
    case 'NOT IN':
      return (read) => !values.some((v) => equal(read(field), v));
    case 'LIKE': {
      const pattern = likePattern(String(value));
      return (read) => read(field) !== null && pattern.test(String(read(field)));
    }
    default:
      throw malformed(
        soql,
        condition.operator,
        `The ${condition.operator} operator is not supported by this emulator.`,
      );
  }
}
