// Composite references: @{refAccount.id} or @{refQuery.records[0].Id} in a later subrequest's url or body is
// replaced by that value of an earlier subrequest's response body.
import { RestError } from './restError.ts';

export interface EarlierResult {
  status: number;
  body: unknown;
}

const REFERENCE = /@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}/g;

export function resolveReferences(value: unknown, results: ReadonlyMap<string, EarlierResult>): unknown {
  if (typeof value === 'string') return resolveText(value, results);
  if (Array.isArray(value)) return value.map((item) => resolveReferences(item, results));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolveReferences(item, results)]),
    );
  }
  return value;
}

/** A string that is exactly one reference takes the value's own type; otherwise references are spliced in. */
function resolveText(text: string, results: ReadonlyMap<string, EarlierResult>): unknown {
  const whole = new RegExp(`^${REFERENCE.source}$`).exec(text);
  if (whole) return lookUp(whole[0], whole[1], whole[2], results);
  return text.replace(REFERENCE, (expression, id: string, path: string) =>
    String(lookUp(expression, id, path, results)),
  );
}

function lookUp(
  expression: string,
  id: string,
  path: string,
  results: ReadonlyMap<string, EarlierResult>,
): unknown {
  const result = results.get(id);
  let current: unknown = result && result.status < 300 ? result.body : undefined;
  for (const [, name, index] of path.matchAll(/\.([A-Za-z0-9_]+)|\[(\d+)\]/g)) {
    const key = name ?? Number(index);
    const holder = current as Record<string | number, unknown> | undefined;
    current = holder && typeof holder === 'object' && Object.hasOwn(holder, key) ? holder[key] : undefined;
  }
  if (current === undefined || current === null || typeof current === 'object') {
    // Salesforce refuses a reference to a failed or unknown subrequest; its exact message is unconfirmed.
    throw new RestError(
      400,
      'PROCESSING_HALTED',
      `Invalid reference specified. No value for ${expression.slice(2, -1)} found in ${id}. Provided referenceId ('${id}') must refer to an earlier subrequest that succeeded.`,
    );
  }
  return current;
}
