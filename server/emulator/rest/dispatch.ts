// Which resource answers a call, by the first path segment after the version; and how a composite subrequest's
// URL becomes a call of its own. Unknown resources answer NOT_FOUND, as Salesforce does.
import { collectionsResource } from './collections.ts';
import { compositeResource } from './composite.ts';
import type { CursorStore } from './cursors.ts';
import { limitsResource, type ApiUsage } from './limits.ts';
import { checkMethod } from './methods.ts';
import { queryResource } from './queryResource.ts';
import { resourcesByVersion } from './resources.ts';
import { RestError } from './restError.ts';
import { sobjectsResource } from './sobjects.ts';
import type { Resource, RestCall, RestContext, RestReply } from './types.ts';
import { parseVersion } from './versions.ts';

export function createDispatcher(cursors: CursorStore, usage: ApiUsage) {
  const query = queryResource(cursors);
  const composite: Resource = (call, ctx) =>
    (call.segments[1]?.toLowerCase() === 'sobjects' ? collectionsResource : compositeResource)(call, ctx);
  // Resource names are matched case-insensitively and passed on in their canonical spelling.
  const resources = new Map<string, [string, Resource]>([
    ['query', ['query', query]],
    ['queryall', ['queryAll', query]],
    ['sobjects', ['sobjects', sobjectsResource]],
    ['limits', ['limits', limitsResource(usage)]],
    ['composite', ['composite', composite]],
  ]);
  return (call: RestCall, ctx: RestContext): RestReply => {
    checkMethod(call.method, call.segments);
    const [first] = call.segments;
    if (first === undefined) return resourcesByVersion(call, ctx);
    const entry = resources.get(first.toLowerCase());
    if (!entry) throw RestError.notFound();
    const [name, resource] = entry;
    return resource({ ...call, segments: [name, ...call.segments.slice(1)] }, ctx);
  };
}

/** A subrequest URL, absolute (/services/data/v66.0/...) or, in a batch, relative (v66.0/...). */
export function subrequestCall(
  parent: RestCall,
  method: unknown,
  url: unknown,
  body: unknown,
  headers: unknown,
): RestCall {
  const match =
    typeof url === 'string' ? /^(?:\/services\/data\/)?(v[^/?]+)\/?([^?]*)(?:\?(.*))?$/.exec(url) : null;
  const version = match ? parseVersion(match[1]) : undefined;
  if (!match || !version) throw RestError.notFound();
  const lowerHeaders: Record<string, string> = {};
  if (headers && typeof headers === 'object') {
    for (const [name, value] of Object.entries(headers))
      if (typeof value === 'string') lowerHeaders[name.toLowerCase()] = value;
  }
  return {
    method: typeof method === 'string' ? method.toUpperCase() : '',
    segments: decodeSegments(match[2]),
    query: new URLSearchParams(match[3] ?? ''),
    body,
    headers: lowerHeaders,
    version,
    principal: parent.principal,
  };
}

function decodeSegments(path: string): string[] {
  try {
    return path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    throw RestError.notFound();
  }
}
