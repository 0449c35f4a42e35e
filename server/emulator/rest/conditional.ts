// If-Modified-Since, where Salesforce documents it: Describe Global, sObject Describe and sObject Rows answer
// 304 Not Modified, with no body, when nothing changed after the given date (REST API guide, Conditional Request
// Headers). Other conditional headers are not modelled, so they are ignored rather than answered as HTTP's defaults.
import type { RestCall, RestReply } from './types.ts';

/**
 * The 304 a GET earns when `lastModified` (ms) is no later than its If-Modified-Since, compared to the second as
 * HTTP dates are. A date that does not parse is ignored, as RFC 9110 asks, and the full answer is given.
 */
export function notModifiedSince(call: RestCall, lastModified: number): RestReply | undefined {
  const since = call.method === 'GET' ? call.headers['if-modified-since'] : undefined;
  if (!since) return undefined;
  const sinceMs = Date.parse(since);
  if (Number.isNaN(sinceMs) || Number.isNaN(lastModified)) return undefined;
  return Math.floor(lastModified / 1000) <= Math.floor(sinceMs / 1000) ? { status: 304 } : undefined;
}

/** A record's LastModifiedDate (`2025-01-01T00:00:00.000+0000`) in ms. */
export function recordModifiedAt(record: { LastModifiedDate?: unknown }): number {
  return Date.parse(String(record.LastModifiedDate ?? ''));
}
