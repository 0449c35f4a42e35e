// One comparison (operand operator literal) compiled once into a predicate over rows: typed literals, date
// ranges, case-insensitive text, linear-time LIKE, and semi-joins through a precomputed id set.
import type { LiteralType } from '@jetstreamapp/soql-parser-js';
import { soqlError } from '../restError.ts';
import type { FieldValue } from '../seed.ts';
import { compileLike, matchLike } from './like.ts';
import { toLiteral, type Literal, type Operand } from './literals.ts';
import { sortTextOfFolded } from './caseFold.ts';
import { comparable, compareValues, kindOf, unquote, type Comparable, type Kind } from './values.ts';

export interface ComparisonInput {
  operator: string;
  value?: string | string[];
  literalType?: LiteralType | LiteralType[];
  /** Semi-join: the ids the subquery selected (15 characters). */
  idSet?: ReadonlySet<string>;
}

export interface CompileContext {
  soql: string;
  now: number;
}

export type RowPredicate<Row> = (row: Row) => boolean;

const MAX_WHERE_STRING = 4_000;

export function compileComparison<Row>(
  operand: Operand,
  read: (row: Row) => FieldValue,
  input: ComparisonInput,
  ctx: CompileContext,
): RowPredicate<Row> {
  const kind = kindOf(operand.type);
  const value = (row: Row) => comparable(kind, read(row));
  const operator = input.operator.toUpperCase();
  if (input.idSet) {
    const ids = input.idSet;
    const inSet = (row: Row) => ids.has(String(value(row)));
    return operator === 'NOT IN' ? (row) => !inSet(row) : inSet;
  }
  const raws = Array.isArray(input.value) ? input.value : [input.value ?? ''];
  const types = Array.isArray(input.literalType) ? input.literalType : [input.literalType];
  // "Strings in WHERE clauses can't exceed 4,000 characters" (SOQL guide, WHERE); the refusal's words are unconfirmed.
  const tooLong = raws.find((raw) => raw.startsWith("'") && unquote(raw).length > MAX_WHERE_STRING);
  if (tooLong !== undefined) {
    throw soqlError(
      'MALFORMED_QUERY',
      ctx.soql,
      tooLong.slice(0, 20),
      `String literal too long: a string in WHERE may have up to ${MAX_WHERE_STRING.toLocaleString('en')} characters`,
    );
  }
  if (operator === 'LIKE') {
    if (kind !== 'text' || types[0] !== 'STRING') {
      // Salesforce refuses LIKE on non-text fields; the exact wording is unconfirmed.
      throw soqlError(
        'INVALID_FIELD',
        ctx.soql,
        operand.label,
        `invalid operator on field: ${operand.label}`,
      );
    }
    const body = raws[0].slice(1, -1);
    const pattern = compileLike(body);
    // "Salesforce Platform objects don't distinguish between NULL and an empty string" (SOQL guide, SET OPTIONS,
    // honorEmptyStrings): LIKE '' finds the records without text, as = '' does. Whether a null matches a pattern
    // that '' would match ('%') is not documented: it still does not, as in SQL, where null matches no LIKE.
    const nullMatches = body === '';
    return (row) => {
      const text = read(row);
      return text === null ? nullMatches : matchLike(pattern, String(text));
    };
  }
  if (operator === 'INCLUDES' || operator === 'EXCLUDES') {
    throw soqlError(
      'INVALID_FIELD',
      ctx.soql,
      operand.label,
      `includes or excludes operator only valid on multipicklist field: ${operand.label}`,
    );
  }
  // "A null value matches false values" of a checkbox (SOQL guide, "null Values"): = null is = false.
  const literals = raws
    .map((raw, i) => toLiteral(ctx.soql, operand, raw, types[i] ?? types[0], ctx.now))
    .map((literal) =>
      kind === 'boolean' && 'point' in literal && literal.point === null ? { point: false } : literal,
    );
  const tests = literals.map((literal) => literalTest(operator, literal, kind));
  if (operator !== 'IN' && operator !== 'NOT IN') return (row) => tests[0](value(row));
  // A list of plain values is a set: one look-up per row however long the list is.
  const points = literals.every((literal) => 'point' in literal)
    ? new Set(literals.map((literal) => (literal as { point: Comparable }).point))
    : undefined;
  const inList = points
    ? (row: Row) => points.has(value(row))
    : (row: Row) => {
        const v = value(row);
        return tests.some((test) => test(v));
      };
  return operator === 'IN' ? inList : (row) => !inList(row);
}

/** Which order of a row's value against the literal each ordering operator accepts. */
const ACCEPTS: Record<string, (order: number) => boolean> = {
  '<': (order) => order < 0,
  '<=': (order) => order <= 0,
  '>': (order) => order > 0,
  '>=': (order) => order >= 0,
};

/**
 * One literal's test of a row's comparable value, the literal's sort form worked out once per query, not per row.
 * `!=` keeps nulls, as SOQL does; ordering operators never match a null on either side, and order text as ORDER BY
 * does (caseFold.ts sortText: text's comparable is already folded).
 */
function literalTest(operator: string, literal: Literal, kind: Kind): (v: Comparable) => boolean {
  if ('range' in literal) return (v) => inRange(operator, v, literal.range);
  const target = literal.point;
  if (operator === '=' || operator === 'IN' || operator === 'NOT IN') return (v) => equal(v, target);
  if (operator === '!=') return (v) => !equal(v, target);
  if (target === null) return () => false;
  const accepts = ACCEPTS[operator] ?? ACCEPTS['>='];
  if (kind !== 'text') return (v) => v !== null && accepts(compareValues(v, target));
  const key = sortTextOfFolded(String(target));
  return (v) => v !== null && accepts(compareValues(sortTextOfFolded(String(v)), key));
}

const equal = (a: Comparable, b: Comparable) => a === b;

/** A date literal names a range: `=` is inside it, `<` before it, `>` after it. */
function inRange(operator: string, v: Comparable, [start, end]: [number, number]): boolean {
  if (typeof v !== 'number') return operator === '!=' && v === null;
  if (operator === '=' || operator === 'IN' || operator === 'NOT IN') return v >= start && v < end;
  if (operator === '!=') return v < start || v >= end;
  if (operator === '<') return v < start;
  if (operator === '<=') return v < end;
  if (operator === '>') return v >= end;
  return v >= start;
}
