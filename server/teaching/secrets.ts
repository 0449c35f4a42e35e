// Gathers every secret value an attempt's transcript holds, so that the final scrub of a rendered page can remove
// any that slipped past masking.
import type { Attempt } from '../attempts/attempt.ts';
import { SECRET_NAMES } from './mask.ts';

/** Every secret value found in the attempt, for the final scrub of everything rendered. */
export function secretsOf(attempt: Attempt, extra: (string | undefined)[] = []): string[] {
  const found = new Set<string>(extra.filter((value): value is string => Boolean(value)));
  const collect = (params: URLSearchParams) =>
    params.forEach((value, name) => SECRET_NAMES.has(name) && found.add(value));
  for (const entry of attempt.transcript) {
    if (URL.canParse(entry.url)) {
      const url = new URL(entry.url);
      collect(url.searchParams);
      collect(new URLSearchParams(url.hash.slice(1)));
    }
    if (entry.requestBody) collect(new URLSearchParams(entry.requestBody));
    const auth = entry.requestHeaders.authorization;
    if (auth) found.add(auth.replace(/^\w+\s+/, ''));
    try {
      const body: unknown = JSON.parse(entry.responseBody ?? '');
      if (body && typeof body === 'object')
        for (const [name, value] of Object.entries(body))
          if (SECRET_NAMES.has(name) && typeof value === 'string') found.add(value);
    } catch {
      // not JSON
    }
  }
  return [...found];
}
