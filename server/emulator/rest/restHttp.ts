// The HTTP edge of the REST API: a request becomes a call, a reply becomes a response, errors become
// Salesforce's error array, and bodies that are not JSON (or nest absurdly deep) are refused first.
import type { NextFunction, Request, Response } from 'express';
import { RestError } from './restError.ts';
import type { RestCall, RestReply } from './types.ts';

const MAX_BODY_DEPTH = 64;

export function toCall(req: Request, version: string, principal: RestCall['principal']): RestCall {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (typeof value === 'string') headers[name] = value;
  const queryAt = req.originalUrl.indexOf('?');
  return {
    method: req.method === 'HEAD' ? 'GET' : req.method,
    segments: segmentsOf(req),
    query: new URLSearchParams(queryAt < 0 ? '' : req.originalUrl.slice(queryAt + 1)),
    body: req.is('application/json') || req.is('application/*+json') ? req.body : undefined,
    headers,
    version,
    principal,
  };
}

/**
 * POST ...?_HttpMethod=PATCH is a PATCH: Salesforce's documented way in for HTTP libraries that cannot send PATCH
 * (Java's HttpURLConnection, Apex callouts of old) (REST API guide, Update a Record). Only PATCH is documented, so
 * another value leaves the POST a POST.
 */
export function tunnelPatch(req: Request): void {
  const queryAt = req.originalUrl.indexOf('?');
  if (req.method !== 'POST' || queryAt < 0) return;
  if (new URLSearchParams(req.originalUrl.slice(queryAt + 1)).get('_HttpMethod') === 'PATCH')
    req.method = 'PATCH';
}

/** The path under /services/data/vXX.X, from the request's own URL (the router mounting it may differ). */
export function segmentsOf(req: Request): string[] {
  const path = req.path;
  try {
    return path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    throw RestError.notFound();
  }
}

/** `X-PrettyPrint: 1` (simple_salesforce sends it) asks for indented JSON, as Salesforce gives it. */
export function send(req: Request, res: Response, reply: RestReply): void {
  res.status(reply.status).set(reply.headers ?? {});
  if (reply.body === undefined) res.end();
  else if (req.headers['x-prettyprint'] === '1') res.type('json').send(JSON.stringify(reply.body, null, 2));
  else res.json(reply.body);
}

/**
 * A client that takes XML only (Accept: application/xml) would get it from an org; this emulator answers JSON
 * only, so it says so (406, RFC 9110's status for it) instead of sending what the client did not ask for.
 */
export function refuseXmlAnswer(req: Request): void {
  // Every REST call passes here: the Accept header is negotiated only when it names XML at all.
  if (!req.headers.accept?.toLowerCase().includes('xml')) return;
  if (req.accepts(['application/json', 'application/xml']) !== 'application/xml') return;
  throw new RestError(
    406,
    'NOT_ACCEPTABLE',
    'XML responses are not supported by this local emulator (an emulator limit); ask for JSON (Accept: application/json).',
  );
}

/** A body must be JSON (Salesforce's 415 wording for other types) and not absurdly nested. */
export function refuseUnreadableBody(req: Request): void {
  const type = req.headers['content-type'];
  const hasBody =
    Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  // A body with no Content-Type at all: what Salesforce answers is not documented. RFC 9110's 415 names the problem,
  // where reading on would tell the caller there was no body.
  if (hasBody && !type) {
    throw new RestError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'The HTTP request has a body but no Content-Type header: send it as application/json',
    );
  }
  if (hasBody && type && !req.is('application/json') && !req.is('application/*+json')) {
    const limit = req.is('application/xml') || req.is('text/xml');
    throw new RestError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      limit
        ? 'XML request bodies are not supported by this local emulator (an emulator limit); send JSON.'
        : `Content-Type header specified in HTTP request is not supported: ${type.split(';')[0]}`,
    );
  }
  if (depth(req.body) > MAX_BODY_DEPTH) {
    throw new RestError(400, 'JSON_PARSER_ERROR', 'The request body is nested too deeply');
  }
}

export function restErrorHandler(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(error);
  const { status, type } = (error ?? {}) as { status?: unknown; type?: unknown };
  // Salesforce's words for a body in a charset it does not read are unknown; these at least say what is wrong.
  const bodyProblem =
    type === 'entity.too.large'
      ? 'The request body is too large'
      : type === 'charset.unsupported'
        ? 'The request body is in a charset this server does not read: send it as UTF-8'
        : type === 'encoding.unsupported'
          ? 'The request body is compressed in a way this server does not read (its Content-Encoding)'
          : 'The request body is not valid JSON';
  const known =
    error instanceof RestError
      ? error
      : error instanceof URIError
        ? RestError.notFound()
        : typeof status === 'number' && status >= 400 && status < 500
          ? new RestError(status, 'JSON_PARSER_ERROR', bodyProblem)
          : new RestError(500, 'UNKNOWN_EXCEPTION', 'An unexpected error occurred.');
  if (known.status >= 500) {
    console.error(
      `[emulator] REST failure: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
    );
  }
  res.status(known.status).json(known.body());
}

export function bearer(req: Request): string | undefined {
  return /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
}

/** How deeply a JSON body nests, measured without recursion so a hostile body cannot exhaust the stack. */
function depth(body: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[body, 0]];
  while (stack.length > 0) {
    const [value, level] = stack.pop() as [unknown, number];
    if (!value || typeof value !== 'object') continue;
    deepest = Math.max(deepest, level + 1);
    if (deepest > MAX_BODY_DEPTH) return deepest;
    for (const child of Object.values(value)) stack.push([child, level + 1]);
  }
  return deepest;
}
