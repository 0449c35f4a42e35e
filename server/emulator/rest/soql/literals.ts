// SOQL literals checked against the type of what they are compared with, as Salesforce does: a date is not a
// datetime, a number is not a string. A date literal (TODAY...) is a range in the field's own units.
import type { LiteralType } from '@jetstreamapp/soql-parser-js';
import { soqlError } from '../restError.ts';
import type { FieldType } from '../schema.ts';
import { isIdShaped } from '../schema.ts';
import { foldCase } from './caseFold.ts';
import { DAY_MS, dateLiteralRange } from './dateLiterals.ts';
import { kindOf, parseDate, parseDateTime, unquote, type Comparable, type Kind } from './values.ts';

export type Literal = { point: Comparable } | { range: [number, number] };

/** What the literal is compared with: a field (or, in HAVING, an aggregate) with a name and a type. */
export interface Operand {
  label: string;
  type: FieldType;
}

const ACCEPTED: Record<Kind, readonly string[]> = {
  text: ['STRING'],
  id: ['STRING'],
  number: ['INTEGER', 'DECIMAL', 'INTEGER_WITH_CURRENCY_PREFIX', 'DECIMAL_WITH_CURRENCY_PREFIX'],
  boolean: ['BOOLEAN'],
  date: ['DATE', 'DATE_LITERAL', 'DATE_N_LITERAL'],
  datetime: ['DATETIME', 'DATE_LITERAL', 'DATE_N_LITERAL'],
};

function typeName(operand: Operand, kind: Kind): string {
  if (kind === 'number') return operand.type === 'int' ? 'integer' : 'double';
  return { text: 'string', id: 'id', boolean: 'boolean', date: 'date', datetime: 'dateTime' }[kind] ?? kind;
}

export function toLiteral(
  soql: string,
  operand: Operand,
  raw: string,
  literalType: LiteralType | undefined,
  now: number,
): Literal {
  const kind = kindOf(operand.type);
  if (literalType === 'NULL' || /^null$/i.test(raw)) return { point: null };
  if (!literalType || !ACCEPTED[kind].includes(literalType)) {
    const quotes =
      kind === 'text' || kind === 'id' ? 'should be enclosed in quotes' : 'should not be enclosed in quotes';
    throw soqlError(
      'INVALID_FIELD',
      soql,
      raw,
      `value of filter criterion for field '${operand.label}' must be of type ${typeName(operand, kind)} and ${quotes}`,
    );
  }
  if (literalType === 'DATE_LITERAL' || literalType === 'DATE_N_LITERAL') {
    const days = dateLiteralRange(raw, now);
    if (!days) throw soqlError('MALFORMED_QUERY', soql, raw, `unexpected token: ${raw}`);
    const scale = kind === 'date' ? 1 : DAY_MS;
    return { range: [days.start * scale, days.end * scale] };
  }
  return { point: pointValue(soql, kind, raw, literalType) };
}

function pointValue(soql: string, kind: Kind, raw: string, literalType: LiteralType): Comparable {
  switch (kind) {
    case 'text': {
      // '' is null to a text filter: Salesforce keeps no empty text (a write of '' stores null), and = '' finds the
      // records = null finds, as != '' keeps only those with text.
      const text = unquote(raw);
      return text === '' ? null : foldCase(text);
    }
    case 'id': {
      const id = unquote(raw);
      if (id === '') return null;
      if (!isIdShaped(id))
        throw soqlError('INVALID_QUERY_FILTER_OPERATOR', soql, raw, `invalid ID field: ${id}`);
      return id.slice(0, 15);
    }
    case 'number':
      return Number(literalType.includes('CURRENCY') ? raw.replace(/^[A-Za-z]{3}/, '') : raw);
    case 'boolean':
      return /^true$/i.test(raw);
    case 'date':
      return checked(soql, raw, parseDate(raw));
    default:
      return checked(soql, raw, parseDateTime(raw));
  }
}

function checked(soql: string, raw: string, value: number | undefined): number {
  if (value === undefined) throw soqlError('INVALID_FIELD', soql, raw, `invalid date: ${raw}`);
  return value;
}
