// What a saved record file must look like before its records are trusted: a hand-edited file whose counter runs past
// what an id can hold, or whose record holds a value no field can, is set aside (recordFile.ts) rather than served.
import { objectForId } from './schema.ts';

/** Ids end in 9 base-36 digits of the counter (store.ts newId); case numbers are 8 decimal digits. */
const MAX_NEXT_NUMBER = 36 ** 9;
const MAX_CASE_NUMBER = 99_999_999;

const isCount = (value: unknown, min: number, max: number) =>
  value === undefined || (Number.isSafeInteger(value) && (value as number) >= min && (value as number) < max);
/** What a field of a record can hold on the wire: text, a finite number, a checkbox, or nothing. */
const isFieldValue = (value: unknown) =>
  value === null ||
  typeof value === 'string' ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value));

/** The field that makes `file` no record file ("records → 3 → Name"), or undefined when it is one. */
export function recordFileProblem(file: unknown): string | undefined {
  if (typeof file !== 'object' || file === null || Array.isArray(file))
    return 'the whole file (not a JSON object)';
  const { version, nextNumber, nextCaseNumber, records } = file as Record<string, unknown>;
  if (version !== 1) return 'version (1 is the only one)';
  if (!isCount(nextNumber, 1, MAX_NEXT_NUMBER))
    return `nextNumber (a whole number from 1 to ${MAX_NEXT_NUMBER - 1})`;
  if (!isCount(nextCaseNumber, 0, MAX_CASE_NUMBER + 1))
    return `nextCaseNumber (a whole number up to ${MAX_CASE_NUMBER})`;
  if (!Array.isArray(records)) return 'records (a list)';
  for (const [index, record] of records.entries()) {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return `records → ${index}`;
    const { Id } = record as Record<string, unknown>;
    if (typeof Id !== 'string' || !objectForId(Id))
      return `records → ${index} → Id (an id of an object this emulator keeps)`;
    const bad = Object.entries(record).find(([, value]) => !isFieldValue(value));
    if (bad) return `records → ${index} → ${bad[0]} (text, a number, true/false or null)`;
  }
  return undefined;
}
