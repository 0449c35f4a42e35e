// Converts one JSON value written to a field into what the record stores, with Salesforce's errors for a wrong
// type, a too-long text, a bad email address or a lookup to a record that is not there.
import { cannotDeserialize, javaType } from './deserializeErrors.ts';
import { RestError } from './restError.ts';
import { isIdShaped, objectForId, type FieldDef } from './schema.ts';
import { wireDateTime, type FieldValue } from './seed.ts';
import { DAY_MS } from './soql/dateLiterals.ts';
import { parseDate, parseDateTime } from './soql/values.ts';
import type { RecordStore } from './store.ts';

/** An int field holds a Java int: a whole number that fits in 32 bits. */
const isJavaInt = (number: number) => Number.isInteger(number) && Math.abs(number) <= 2 ** 31 - 1;

/**
 * A number field holds `length` digits, `scale` of them after the point: more before it is refused (the code is
 * Salesforce's; its exact wording is as commonly reported, not in the wire reference).
 */
function withinDigits(field: FieldDef, number: number): number {
  const whole = Math.trunc(Math.abs(number));
  if (whole === 0 || Math.floor(Math.log10(whole)) + 1 <= field.length - field.scale) return number;
  throw new RestError(
    400,
    'NUMBER_OUTSIDE_VALID_RANGE',
    `${field.label}: value outside of valid range on numeric field: ${number}`,
    [field.name],
  );
}

/** A decimal number as text: digits, one optional point, an optional exponent. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function convertValue(field: FieldDef, value: unknown, store: RecordStore): FieldValue {
  if (value === null) return field.type === 'boolean' ? false : null;
  if (typeof value === 'object') throw cannotDeserialize(javaType(field), value);
  switch (field.type) {
    case 'double':
    case 'currency':
    case 'percent':
    case 'int': {
      // A number in a string is read as decimal digits, never as JavaScript's 0x, 0b or 0o forms, Infinity or NaN.
      const number =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && DECIMAL.test(value.trim())
            ? Number(value)
            : NaN;
      if (!Number.isFinite(number) || (field.type === 'int' && !isJavaInt(number))) {
        throw cannotDeserialize(javaType(field), value);
      }
      return withinDigits(field, number);
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw cannotDeserialize(javaType(field), value);
    case 'date': {
      const text = String(value);
      const day = parseDate(text) ?? Math.floor((parseDateTime(text) ?? NaN) / DAY_MS);
      if (!inSalesforceRange(day * DAY_MS)) throw cannotDeserialize(javaType(field), value);
      return new Date(day * DAY_MS).toISOString().slice(0, 10);
    }
    case 'datetime': {
      const instant = parseDateTime(String(value)) ?? (parseDate(String(value)) ?? NaN) * DAY_MS;
      if (!inSalesforceRange(instant)) throw cannotDeserialize(javaType(field), value);
      return wireDateTime(instant);
    }
    case 'reference':
      return checkReference(field, String(value), store);
    default:
      return checkText(field, String(value));
  }
}

/**
 * Salesforce never stores a text field's leading or trailing whitespace, nor an empty value (only null): the Apex
 * guide says so of every sObject String field, "as in the SOAP API". It trims as Java's String.trim() does (every
 * character up to U+0020; a no-break space stays), reported of text fields; whether a long text area is trimmed
 * too is unconfirmed, and here it is, like the others.
 */
function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.slice(start, end);
}

function checkText(field: FieldDef, sent: string): string | null {
  const text = javaTrim(sent);
  if (text === '') return null;
  if (text.length > field.length) {
    throw new RestError(
      400,
      'STRING_TOO_LONG',
      `${field.label}: data value too large: ${text} (max length=${field.length})`,
      [field.name],
    );
  }
  if (field.type === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text)) {
    throw new RestError(400, 'INVALID_EMAIL_ADDRESS', `${field.label}: invalid email address: ${text}`, [
      field.name,
    ]);
  }
  return text;
}

/** A lookup must name a live record of the right object (wording from observed Salesforce errors). */
function checkReference(field: FieldDef, id: string, store: RecordStore): string | null {
  if (id === '') return null;
  const incorrect = `${field.label}: id value of incorrect type: ${id}`;
  if (!isIdShaped(id)) throw new RestError(400, 'MALFORMED_ID', incorrect, [field.name]);
  if (objectForId(id)?.name !== field.reference?.to) {
    throw new RestError(400, 'FIELD_INTEGRITY_EXCEPTION', incorrect, [field.name]);
  }
  const target = store.get(id);
  if (!target || target.IsDeleted === true || (target.IsActive === false && field.reference?.to === 'User')) {
    throw new RestError(
      400,
      'INVALID_CROSS_REFERENCE_KEY',
      `${field.label}: this ID value isn't valid for the user: ${id}`,
      [field.name],
    );
  }
  return String(target.Id);
}

/**
 * "The earliest valid date is 1700-01-01T00:00:00Z GMT ... The latest valid date is 4000-12-31T00:00:00Z GMT"
 * (Data Loader guide, "Data Import Dates"). Salesforce's refusal of other dates is unconfirmed: here, as a value it
 * cannot read.
 */
function inSalesforceRange(ms: number): boolean {
  return Number.isFinite(ms) && ms >= Date.UTC(1700, 0, 1) && ms <= Date.UTC(4000, 11, 31);
}
