// /composite: up to 25 subrequests run in order in one call, later ones using earlier results through
// @{reference}; with allOrNone a failure rolls everything back (others answer PROCESSING_HALTED). Also GET
// /composite (the list of composite resources); /composite/batch is compositeBatch.ts.
import { runSubrequest, subrequests } from './compositeSubrequests.ts';
import type { EarlierResult } from './references.ts';
import { RestError } from './restError.ts';
import type { Resource, RestCall, RestContext, RestReply } from './types.ts';

/**
 * "Up to 5 of these subrequests can be sObject Collections or query operations, including Query and QueryAll
 * requests" (Composite, REST API guide; older guides add Query More). The refusal's wording is unconfirmed: it
 * takes the form of the 25-subrequest limit's.
 */
const MAX_QUERIES_AND_COLLECTIONS = 5;

/**
 * The API version each composite resource arrived in; asked at an older version, an org answers NOT_FOUND.
 * Batch 34.0 and sObject Collections 42.0 are the REST API guide's and jsforce's (which falls back to single
 * calls below it); Composite itself 38.0 is unconfirmed: the earliest version users report it answering at.
 */
const SINCE: Record<string, number> = { batch: 34, sobjects: 42, '': 38 };

const GRAPH_SINCE = 50;

/** Refuses a composite call made at an API version older than its resource. */
export function checkCompositeVersion(call: RestCall): void {
  const since = SINCE[call.segments[1]?.toLowerCase() ?? ''];
  if (since !== undefined && Number(call.version) < since) throw RestError.notFound();
}

/** Wording from a recorded Salesforce response in a client library's tests. */
const HALTED = {
  errorCode: 'PROCESSING_HALTED',
  message: 'The transaction was rolled back since another operation in the same transaction failed.',
};

export const compositeResource: Resource = (call, ctx) => {
  const kind = call.segments[1]?.toLowerCase();
  // A real org serves both (both are in the listing below): this emulator says they are its limit.
  if (kind === 'graph' && Number(call.version) < GRAPH_SINCE) throw RestError.notFound();
  if (kind === 'tree' || kind === 'graph') throw RestError.notServed(`composite/${kind}`);
  if (call.segments.length > 2) throw RestError.notFound();
  // Any other kind, batch included: POST /composite/batch is answered before dispatch (compositeBatch.ts), and a
  // batch met here is a subrequest's, which runSubrequest refuses first.
  if (kind !== undefined) throw RestError.notFound();
  if (call.method === 'GET') {
    const base = `/services/data/v${call.version}/composite`;
    const body: Record<string, string> = {
      tree: `${base}/tree`,
      batch: `${base}/batch`,
      sobjects: `${base}/sobjects`,
    };
    // REST API guide, "Get a List of Composite Resources" lists graph too; "Composite Graph" dates it from 50.0.
    if (Number(call.version) >= GRAPH_SINCE) body.graph = `${base}/graph`;
    return { status: 200, body };
  }
  return composite(call, ctx);
};

function composite(call: RestCall, ctx: RestContext): RestReply {
  const body = call.body as { allOrNone?: unknown } | undefined;
  const allOrNone = body?.allOrNone === true;
  const requests = subrequests(call.body, 'compositeRequest');
  if (requests.filter((sub) => isQueryOrCollection(sub.url)).length > MAX_QUERIES_AND_COLLECTIONS) {
    throw new RestError(
      400,
      'JSON_PARSER_ERROR',
      `A composite request can have at most ${MAX_QUERIES_AND_COLLECTIONS} query or sObject Collections subrequests`,
    );
  }
  const ids = new Set<string>();
  for (const sub of requests) {
    const id = sub.referenceId;
    if (typeof id !== 'string' || !/^[A-Za-z0-9_]+$/.test(id) || ids.has(id)) {
      throw new RestError(
        400,
        'JSON_PARSER_ERROR',
        `Each subrequest needs a unique referenceId of letters, digits and underscores: ${String(id)}`,
      );
    }
    ids.add(id);
  }
  const results = new Map<string, EarlierResult>();
  return ctx.store.transaction((tx) => {
    const responses: Record<string, unknown>[] = [];
    for (const sub of requests) {
      const referenceId = String(sub.referenceId);
      const reply = runSubrequest(call, ctx, sub, results, 'composite', allOrNone);
      results.set(referenceId, { status: reply.status, body: reply.body });
      responses.push({
        body: reply.body ?? null,
        httpHeaders: reply.headers ?? {},
        httpStatusCode: reply.status,
        referenceId,
      });
      if (allOrNone && reply.status >= 400) {
        tx.rollback();
        const halted: Record<string, unknown>[] = requests.map((other) => ({
          body: [HALTED],
          httpHeaders: {},
          httpStatusCode: 400,
          referenceId: String(other.referenceId),
        }));
        halted[responses.length - 1] = responses[responses.length - 1];
        return { status: 200, body: { compositeResponse: halted } };
      }
    }
    return { status: 200, body: { compositeResponse: responses } };
  });
}

/** Query, QueryAll (each with Query More's /query/<locator>) or sObject Collections, read from the URL's path. */
function isQueryOrCollection(url: unknown): boolean {
  const path =
    typeof url === 'string' ? /^(?:\/services\/data\/)?v[^/?]+\/([^?]*)/.exec(url)?.[1] : undefined;
  const [first = '', second = ''] = (path ?? '').toLowerCase().split('/');
  return first === 'query' || first === 'queryall' || (first === 'composite' && second === 'sobjects');
}
