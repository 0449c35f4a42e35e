// Conditional request headers, where Salesforce documents them (REST API guide, Conditional Request Headers):
// If-Modified-Since on Describe Global, sObject Describe and sObject Rows answers 304 Not Modified, with no body,
// when nothing changed after the given date; If-Unmodified-Since on a record's GET or PATCH answers 412 when it
// changed after it. If-Match and If-None-Match compare ETags, which Salesforce gives Account records only and this
// emulator does not make: on an Account they are refused, naming that, rather than ignored (a client relying on
// them to keep another's change would overwrite it silently); elsewhere ignored, as there is no ETag to compare.
// DELETE takes none of them, the guide says: there they are ignored.
import { RestError } from './restError.ts';
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

/**
 * Refuses a record's GET or PATCH whose preconditions fail (412) or cannot be judged here. The 412's body and the
 * 400's words are this emulator's (Salesforce's are unconfirmed; its guide gives the statuses).
 */
export function checkPreconditions(call: RestCall, objectName: string, lastModified: () => number): void {
  if (call.method !== 'GET' && call.method !== 'PATCH' && call.method !== 'HEAD') return;
  for (const header of ['if-match', 'if-none-match']) {
    if (objectName !== 'Account' || call.headers[header] === undefined) continue;
    throw new RestError(
      400,
      'INVALID_HEADER_TYPE',
      `${header === 'if-match' ? 'If-Match' : 'If-None-Match'} compares ETags, which this local emulator does not make (an emulator limit); use If-Unmodified-Since, or a real org.`,
    );
  }
  const before = call.headers['if-unmodified-since'];
  if (!before) return;
  const beforeMs = Date.parse(before);
  if (Number.isNaN(beforeMs)) {
    // An invalid value on a PATCH is a 400, the guide says; on a GET it is ignored, as RFC 9110 asks.
    if (call.method !== 'PATCH') return;
    throw new RestError(400, 'INVALID_HEADER_TYPE', `If-Unmodified-Since is not an HTTP date: ${before}`);
  }
  if (Math.floor(lastModified() / 1000) > Math.floor(beforeMs / 1000)) {
    throw new RestError(
      412,
      'PRECONDITION_FAILED',
      'The record was modified after the If-Unmodified-Since date.',
    );
  }
}
