// The steps both composite resources share: reading the body's list of subrequests (at most 25), and running one
// subrequest, its failure answered as its own reply rather than failing the whole call.
import { resolveReferences, type EarlierResult } from './references.ts';
import { RestError } from './restError.ts';
import { subrequestCall } from './subrequests.ts';
import type { RestCall, RestContext, RestReply } from './types.ts';

const MAX_SUBREQUESTS = 25;

/**
 * The resources each kind's subrequests may call, as the REST API guide lists them: Composite ("Send Multiple
 * Requests Using Composite": sObject resources, Query, QueryAll, sObject Collections) and Composite Batch (Limits,
 * sObject resources, Query, QueryAll, Search, Connect, Chatter, Actions). What an org answers for another one is not
 * documented: the subrequest alone is refused, as a nested composite call is.
 */
const CALLABLE = {
  composite: ['sobjects', 'query', 'queryAll', 'composite/sobjects'],
  batch: ['limits', 'sobjects', 'query', 'queryAll', 'search', 'connect', 'chatter', 'actions'],
} as const;
export type SubrequestKind = keyof typeof CALLABLE;

export function subrequests(body: unknown, key: string): Record<string, unknown>[] {
  const list = (body as Record<string, unknown> | undefined)?.[key];
  if (!Array.isArray(list) || list.length === 0) {
    throw new RestError(400, 'JSON_PARSER_ERROR', `The request body needs a non-empty ${key} array`);
  }
  if (list.length > MAX_SUBREQUESTS) {
    throw new RestError(
      400,
      'JSON_PARSER_ERROR',
      `A composite request can have at most ${MAX_SUBREQUESTS} subrequests`,
    );
  }
  // A null or a number in the list is no subrequest: said as such, rather than met later as one without a
  // referenceId (Salesforce's wording for it is unconfirmed; the code is its parser's).
  if (list.some((item) => !item || typeof item !== 'object' || Array.isArray(item))) {
    throw new RestError(400, 'JSON_PARSER_ERROR', `Each item of ${key} must be a JSON object: a subrequest`);
  }
  return list as Record<string, unknown>[];
}

export function runSubrequest(
  parent: RestCall,
  ctx: RestContext,
  sub: Record<string, unknown>,
  results: Map<string, EarlierResult>,
  kind: SubrequestKind,
  allOrNone = false,
): RestReply {
  try {
    const call = subrequestCall(
      parent,
      sub.method,
      resolveReferences(sub.url, results),
      resolveReferences(sub.body, results),
      sub.httpHeaders,
    );
    const collection =
      call.segments[0]?.toLowerCase() === 'composite' && call.segments[1]?.toLowerCase() === 'sobjects';
    if (call.segments[0]?.toLowerCase() === 'composite' && !collection) {
      throw new RestError(
        400,
        'INVALID_INPUT',
        `A ${kind} subrequest cannot be another composite or batch request`,
      );
    }
    checkCallable(kind, call.segments);
    if (collection && allOrNone && call.body && typeof call.body === 'object')
      call.body = { ...call.body, allOrNone: true };
    return ctx.dispatch(call);
  } catch (error) {
    if (!(error instanceof RestError)) throw error;
    return { status: error.status, body: error.body() };
  }
}

function checkCallable(kind: SubrequestKind, segments: string[]): void {
  const named = segments.slice(0, segments[0]?.toLowerCase() === 'composite' ? 2 : 1).join('/');
  const callable: readonly string[] = CALLABLE[kind];
  if (callable.some((name) => name.toLowerCase() === named.toLowerCase())) return;
  const list = `${callable.slice(0, -1).join(', ')} and ${callable.at(-1)}`;
  throw new RestError(
    400,
    'INVALID_INPUT',
    `A ${kind} subrequest cannot call ${named || 'the resource list'}: only ${list}`,
  );
}
