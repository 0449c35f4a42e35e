// A query's records as the result page's table: a parent's fields in columns of their own, named by their path
// (Account.Owner.Name, as Salesforce's own tools name them), and a child subquery's records summed up in one cell.

/** At most this many child records are spelled out in a cell; the rest are counted. */
const CHILDREN_SHOWN = 5;

export interface QueryTable {
  columns: string[];
  /** One row per record, one text per column ('' where the record has no value there). */
  rows: string[][];
}

type SObject = Record<string, unknown>;

/** A parent reached through a relationship: Salesforce gives every record its attributes (type, url). */
const isRecord = (value: unknown): value is SObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'attributes' in value;

/** A child relationship's answer: a query result of its own, inside the parent's record. */
const isChildResult = (value: unknown): value is { totalSize?: number; records: SObject[] } =>
  typeof value === 'object' &&
  value !== null &&
  Array.isArray((value as { records?: unknown }).records) &&
  (value as { records: unknown[] }).records.every((child) => typeof child === 'object' && child !== null);

export function queryTable(records: SObject[]): QueryTable {
  const flat = records.map((record) => flatten(record));
  const names = [...new Set(flat.flatMap((cells) => [...cells.keys()]))];
  // A parent that is null in one record (no Account) and has fields in another: its fields' columns say it.
  const columns = names.filter((name) => !names.some((other) => other.startsWith(`${name}.`)));
  return { columns, rows: flat.map((cells) => columns.map((column) => cells.get(column) ?? '')) };
}

/** A record's values by column name, a parent's fields under its relationship's name. */
function flatten(record: SObject, prefix = '', cells = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(record)) {
    if (key === 'attributes') continue;
    if (isRecord(value)) flatten(value, `${prefix}${key}.`, cells);
    else cells.set(`${prefix}${key}`, cellText(value));
  }
  return cells;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (isChildResult(value)) return childrenText(value);
  if (typeof value === 'object') {
    // A compound field (an address, a location): its parts, named.
    return Object.entries(value as SObject)
      .filter(([key, part]) => key !== 'attributes' && part !== null)
      .map(([key, part]) => `${key}: ${cellText(part)}`)
      .join(', ');
  }
  return String(value);
}

/** "2 records: Smith; Jones", each child's values in a row of their own, the first few spelled out. */
function childrenText({ totalSize, records }: { totalSize?: number; records: SObject[] }): string {
  const count = totalSize ?? records.length;
  const shown = records
    .slice(0, CHILDREN_SHOWN)
    .map((child) => [...flatten(child).values()].filter((text) => text !== '').join(', '));
  const more = count > shown.length ? `; and ${count - shown.length} more` : '';
  return `${count} record${count === 1 ? '' : 's'}${shown.length > 0 ? `: ${shown.join('; ')}` : ''}${more}`;
}
