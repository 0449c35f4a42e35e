// The steps both composite resources share: reading the body's list of subrequests (at most 25), and running one
// subrequest, its failure answered as its own reply rather than failing the whole call.
import { resolveReferences, type EarlierResult } from './references.ts';
import { RestError } from './restError.ts';
import { subrequestCall } from './subrequests.ts';
import type { RestCall, RestContext, RestReply } from './types.ts';

const MAX_SUBREQUESTS = 25;

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
        'A composite subrequest cannot be another composite or batch request',
      );
    }
    if (collection && allOrNone && call.body && typeof call.body === 'object')
      call.body = { ...call.body, allOrNone: true };
    return ctx.dispatch(call);
  } catch (error) {
    if (!(error instanceof RestError)) throw error;
    return { status: error.status, body: error.body() };
  }
}
