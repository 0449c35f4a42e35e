// Typed values for comparisons: what a field holds and what a SOQL literal says, in one comparable form per
// kind (case-folded text, 15-character ids, numbers, day numbers for dates, instants for datetimes).
import type { FieldType } from '../schema.ts';
import type { FieldValue } from '../seed.ts';
import { foldCase } from './caseFold.ts';
import { DAY_MS } from './dateLiterals.ts';

export type Kind = 'text' | 'id' | 'number' | 'boolean' | 'date' | 'datetime';
export type Comparable = string | number | boolean | null;

const KINDS: Record<FieldType, Kind> = {
  id: 'id',
  reference: 'id',
  string: 'text',
  textarea: 'text',
  email: 'text',
  phone: 'text',
  url: 'text',
  picklist: 'text',
  double: 'number',
  currency: 'number',
  percent: 'number',
  int: 'number',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
};

export const kindOf = (type: FieldType): Kind => KINDS[type];

/** A stored value in comparable form; text compares case-insensitively, ids on their first 15 characters. */
export function comparable(kind: Kind, value: FieldValue | undefined): Comparable {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'text':
      return foldCase(String(value));
    case 'id':
      return String(value).slice(0, 15);
    case 'date':
    case 'datetime':
      return remembered(kind, String(value));
    default:
      return value;
  }
}

/** Stored dates repeat across rows and queries: each text is parsed once (the memo is bounded). */
const parsed = { date: new Map<string, number | null>(), datetime: new Map<string, number | null>() };

function remembered(kind: 'date' | 'datetime', text: string): number | null {
  const memo = parsed[kind];
  let value = memo.get(text);
  if (value === undefined) {
    if (memo.size >= 100_000) memo.clear();
    value = (kind === 'date' ? parseDate(text) : parseDateTime(text)) ?? null;
    memo.set(text, value);
  }
  return value;
}

/** YYYY-MM-DD as a day number, rejecting impossible dates such as 2025-02-30. */
export function parseDate(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text ? undefined : ms / DAY_MS;
}

/** An ISO datetime with Z, ±hh:mm or Salesforce's ±hhmm offset, as milliseconds since the epoch. */
export function parseDateTime(text: string): number | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})$/.exec(text);
  if (!match || parseDate(match[1]) === undefined) return undefined;
  if (Number(match[2]) > 23 || Number(match[3]) > 59 || Number(match[4]) > 59) return undefined;
  const zone = match[6] === 'Z' ? 'Z' : `${match[6].slice(0, 3)}:${match[6].slice(-2)}`;
  const ms = Date.parse(`${match[1]}T${match[2]}:${match[3]}:${match[4]}${match[5] ?? ''}${zone}`);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Orders two non-null comparables of one kind. Text goes by code point, which is UTF-8's byte order: given text in
 * upper case (caseFold.ts sortText), that is SOQL's order for English locales, "the UTF-8 values of the uppercase
 * character" (SOQL guide, ORDER BY): case-insensitive, digits before letters, _ after them, accented letters after Z.
 */
export function compareValues(a: Comparable, b: Comparable): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return compareCodePoints(String(a), String(b));
}

function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const [x, y] = [a.charCodeAt(i), b.charCodeAt(i)];
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** UTF-16 puts a character beyond U+FFFF (a surrogate pair) before U+E000–U+FFFF; code point order, after. */
const codePointRank = (unit: number) =>
  unit >= 0xe000 ? unit - 0x800 : unit >= 0xd800 ? unit + 0x2000 : unit;

/**
 * SOQL's escapes in a quoted string ("Quoted String Escape Sequences"): \n \r \t \b \f in either case, \uXXXX
 * (a character by its hex code), and \' \" \\ (plus \_ and \% for LIKE) standing for the character itself. Any
 * other backslash is an error (parse.ts).
 */
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
/** A backslash and the escape after it: u and four hex digits, else one character. */
export const ESCAPE_SEQUENCE = /\\(u[0-9a-fA-F]{4}|.)/gs;
const ESCAPE_AT = new RegExp(ESCAPE_SEQUENCE.source, 'ys');

/** Whether an escape (what follows its backslash) is one SOQL has. */
export const isSoqlEscape = (escape: string): boolean =>
  escape.length === 5 || /^[nrtbf'"\\_%]$/i.test(escape);

/** The escape after the backslash at `at`, as ESCAPE_SEQUENCE reads it. */
export function escapeAt(text: string, at: number): string {
  ESCAPE_AT.lastIndex = at;
  return ESCAPE_AT.exec(text)?.[1] ?? '';
}

/** What one escape (the text after its backslash: one character, or u and four hex digits) stands for. */
export const escapedChar = (escape: string): string =>
  escape.length === 5
    ? String.fromCharCode(parseInt(escape.slice(1), 16))
    : (ESCAPES[escape.toLowerCase()] ?? escape);

/** The body of a SOQL string literal ('O\'Brien' -> O'Brien). */
export function unquote(raw: string): string {
  return raw.slice(1, -1).replace(ESCAPE_SEQUENCE, (_, escape: string) => escapedChar(escape));
}
