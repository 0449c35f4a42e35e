// The OAuth error code a recorded leg was answered with ({"error": ...}), read back from its kept body.
import type { TranscriptEntry } from './attempt.ts';

/** Undefined for an answer without one (a success, a REST error array, a body cut short or not JSON). */
export function oauthErrorOf(entry: Pick<TranscriptEntry, 'responseBody'>): string | undefined {
  try {
    const body: unknown = JSON.parse(entry.responseBody ?? '');
    return body && typeof body === 'object' && 'error' in body ? String(body.error) : undefined;
  } catch {
    return undefined;
  }
}
