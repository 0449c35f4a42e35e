// How a composite subrequest's URL becomes a call of its own, with the parent call's principal.
import { RestError } from './restError.ts';
import type { RestCall } from './types.ts';
import { parseVersion } from './versions.ts';

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
