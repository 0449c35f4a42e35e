// COUNT, COUNT_DISTINCT, SUM, AVG, MIN and MAX over one group's rows, with the field-type rules Salesforce
// applies (SUM and AVG need numbers; MIN and MAX need an orderable type).
import { emulatorLimit, soqlError } from '../restError.ts';
import type { FieldType } from '../schema.ts';
import type { FieldValue, SRecord } from '../seed.ts';
import { pathReader, type FieldPath, type PathResolver, type RecordSource } from './fieldPath.ts';
import { sortValue } from './order.ts';
import { comparable, compareValues, kindOf } from './values.ts';

export interface AggregateFunction {
  /** Canonical text, e.g. COUNT(Id), to match the same expression in HAVING and ORDER BY. */
  key: string;
  /** The type of its result, to check the literals it is compared with. */
  type: FieldType;
  compute(rows: readonly SRecord[]): FieldValue;
}

const FUNCTIONS = ['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX'];

export function aggregateFunction(
  soql: string,
  name: string,
  parameters: readonly unknown[],
  resolver: PathResolver,
  source: RecordSource,
): AggregateFunction {
  const fn = name.toUpperCase();
  if (!FUNCTIONS.includes(fn)) throw emulatorLimit(soql, name, `The ${name}() function`);
  if (typeof parameters[0] !== 'string') throw emulatorLimit(soql, name, `${fn}() of an expression`);
  const path = resolver.resolve(parameters[0]);
  const kind = kindOf(path.field.type);
  const numeric = kind === 'number';
  const orderable = numeric || kind === 'text' || kind === 'date' || kind === 'datetime' || kind === 'id';
  if (((fn === 'SUM' || fn === 'AVG') && !numeric) || ((fn === 'MIN' || fn === 'MAX') && !orderable)) {
    throw soqlError(
      'INVALID_FIELD',
      soql,
      parameters[0],
      `field ${path.field.name} does not support aggregate operator ${fn}`,
    );
  }
  const read = pathReader(path, source);
  const key = `${fn}(${path.key})`;
  if (fn === 'COUNT' || fn === 'COUNT_DISTINCT') {
    return { key, type: 'int', compute: (rows) => count(rows, read, kind, fn === 'COUNT_DISTINCT') };
  }
  if (fn === 'SUM' || fn === 'AVG') {
    return { key, type: 'double', compute: (rows) => sum(rows, read, fn === 'AVG') };
  }
  return { key, type: path.field.type, compute: (rows) => extreme(rows, read, path, fn === 'MAX') };
}

type Reader = (row: SRecord) => FieldValue;

function count(
  rows: readonly SRecord[],
  read: Reader,
  kind: ReturnType<typeof kindOf>,
  distinct: boolean,
): number {
  const values = rows.map((row) => comparable(kind, read(row))).filter((v) => v !== null);
  return distinct ? new Set(values).size : values.length;
}

function sum(rows: readonly SRecord[], read: Reader, average: boolean): number | null {
  const numbers = rows.map(read).filter((v): v is number => typeof v === 'number');
  if (numbers.length === 0) return null;
  const total = decimalSum(numbers);
  return average ? total / numbers.length : total;
}

/** MIN and MAX go by the field's sort order: a picklist's is the order of its values (SOQL guide, "Aggregate
 * Functions": MIN() and MAX() on a picklist use "the sort order of the picklist values instead of alphabetical"). */
function extreme(rows: readonly SRecord[], read: Reader, path: FieldPath, max: boolean): FieldValue {
  const rank = sortValue(path.field, read);
  let best: { value: FieldValue; rank: ReturnType<typeof rank> } | undefined;
  for (const row of rows) {
    const value = read(row);
    if (value === null) continue;
    const candidate = { value, rank: rank(row) };
    const order = best ? compareValues(candidate.rank, best.rank) : 0;
    if (!best || (max ? order > 0 : order < 0)) best = candidate;
  }
  return best?.value ?? null;
}

/**
 * The sum as Salesforce's decimal arithmetic gives it (0.1 + 0.2 is 0.3), not binary floating point's
 * 0.30000000000000004: each value as a whole number of its largest count of decimals, added exactly.
 */
function decimalSum(numbers: readonly number[]): number {
  const decimals = Math.max(...numbers.map((n) => /\.(\d+)$/.exec(String(n))?.[1].length ?? 0));
  if (decimals === 0 || numbers.some((n) => /e/i.test(String(n)))) return numbers.reduce((a, b) => a + b, 0);
  const total = numbers.reduce((sum, n) => sum + scaled(n, decimals), 0n);
  const digits = (total < 0n ? -total : total).toString().padStart(decimals + 1, '0');
  return Number(`${total < 0n ? '-' : ''}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`);
}

/** A number's decimal text as a whole number of 10^-decimals. */
function scaled(n: number, decimals: number): bigint {
  const [whole, fraction = ''] = String(Math.abs(n)).split('.');
  const value = BigInt(whole + fraction.padEnd(decimals, '0'));
  return n < 0 ? -value : value;
}
