// GET /query and /queryAll (?q=SOQL, or /<locator>-<offset> for the next page). Results page at 2,000 records,
// or at Sforce-Query-Options: batchSize=N clamped to 200..2,000 as Salesforce does; queryAll adds deleted rows.
import type { CursorStore } from './cursors.ts';
import { RestError } from './restError.ts';
import { queryColumns } from './soql/columns.ts';
import { runSoql } from './soql/run.ts';
import type { Resource, RestCall } from './types.ts';

const DEFAULT_BATCH = 2000;
const MIN_BATCH = 200;

export function batchSize(options: string | undefined): number {
  const match = /batchSize\s*=\s*(\d+)/i.exec(options ?? '');
  if (!match) return DEFAULT_BATCH;
  return Math.min(Math.max(Number(match[1]), MIN_BATCH), DEFAULT_BATCH);
}

export const queryResource =
  (cursors: CursorStore): Resource =>
  (call, ctx) => {
    const [resource, locator, ...extra] = call.segments;
    if (extra.length > 0) throw RestError.notFound();
    if (locator) return nextPage(call, cursors, resource, locator);
    if (call.query.has('explain')) {
      throw new RestError(
        400,
        'MALFORMED_QUERY',
        'Query plans (explain) are not supported by this local emulator (an emulator limit, not an error in the query).',
      );
    }
    const soql = call.query.get('q') ?? '';
    if (!soql.trim()) throw new RestError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    const options = {
      includeDeleted: resource === 'queryAll',
      now: ctx.deps.now(),
      userId: call.principal.userId,
    };
    if (call.query.get('columns') === 'true')
      return { status: 200, body: queryColumns(soql, ctx.store, options) };
    const outcome = runSoql(soql, ctx.store, options);
    const batch = batchSize(call.headers['sforce-query-options']);
    // An aggregate query gets no query locator (SOQL guide, "Considerations for GROUP BY"): more rows than one
    // batch are refused outright, in the words Salesforce uses for other results that cannot page (observed).
    if (outcome.aggregate && outcome.rows.length > batch) {
      throw new RestError(
        400,
        'EXCEEDED_ID_LIMIT',
        'Aggregate query does not support queryMore(), use LIMIT to restrict the results to a single batch',
      );
    }
    const body = { totalSize: outcome.totalSize, done: true, records: [] as unknown[] };
    if (outcome.rows.length === 0) return { status: 200, body };
    const locatorId =
      outcome.rows.length > batch
        ? cursors.open({ userId: call.principal.userId, rows: outcome.rows, batch, project: outcome.project })
        : '';
    return page(call, resource, outcome.rows, 0, batch, locatorId, outcome.project);
  };

function nextPage(call: RestCall, cursors: CursorStore, resource: string, token: string) {
  const dash = token.lastIndexOf('-');
  const cursor = dash > 0 ? cursors.find(token.slice(0, dash), call.principal.userId) : undefined;
  const offset = Number(token.slice(dash + 1));
  if (!cursor || !Number.isInteger(offset) || offset <= 0 || offset >= cursor.rows.length) {
    throw new RestError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  }
  return page(call, resource, cursor.rows, offset, cursor.batch, token.slice(0, dash), cursor.project);
}

function page(
  call: RestCall,
  resource: string,
  rows: readonly unknown[],
  offset: number,
  batch: number,
  locator: string,
  project: (row: unknown, version: string) => unknown,
) {
  const end = offset + batch;
  const done = end >= rows.length;
  const body: Record<string, unknown> = { totalSize: rows.length, done };
  if (!done) body.nextRecordsUrl = `/services/data/v${call.version}/${resource}/${locator}-${end}`;
  body.records = rows.slice(offset, end).map((row) => project(row, call.version));
  return { status: 200, body };
}
