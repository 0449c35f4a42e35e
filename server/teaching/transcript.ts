// Turns raw transcript entries into what the page shows: every secret masked, parameters explained, curl ready.
import type { Attempt, TranscriptEntry } from '../attempts/attempt.ts';
import { toCurl } from './curl.ts';
import { maskForm, maskHeaders, maskJson, maskUrl, scrub, SECRET_NAMES } from './mask.ts';
import { PARAMETER_HELP } from './parameters.ts';

export interface EntryView {
  id: string;
  kind: TranscriptEntry['kind'];
  leg: string;
  method: string;
  url: string;
  params: { name: string; value: string; help?: string }[];
  requestHeaders: [string, string][];
  requestBody?: string;
  status?: number;
  responseHeaders: [string, string][];
  responseBody?: string;
  responseBytes?: number;
  error?: string;
  durationMs?: number;
  curl?: string;
}

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

function paramsOf(entry: TranscriptEntry): URLSearchParams {
  if (entry.kind === 'server-call') return new URLSearchParams(entry.requestBody ?? '');
  if (!URL.canParse(entry.url)) return new URLSearchParams();
  const url = new URL(entry.url);
  return new URLSearchParams(url.hash ? url.hash.slice(1) : url.search);
}

/** `reveal` gives the raw values: only ever for the visitor's own session, on their request. */
export function entryView(entry: TranscriptEntry, secrets: string[], reveal = false): EntryView {
  const clean = (text: string) => (reveal ? text : scrub(text, secrets));
  const url = clean(reveal ? entry.url : maskUrl(entry.url));
  const headers = reveal ? entry.requestHeaders : maskHeaders(entry.requestHeaders);
  const body =
    entry.requestBody === undefined
      ? undefined
      : clean(reveal ? entry.requestBody : maskForm(entry.requestBody));
  const shownParams = reveal
    ? paramsOf(entry)
    : new URLSearchParams(clean(maskForm(paramsOf(entry).toString())));
  return {
    id: entry.id,
    kind: entry.kind,
    leg: entry.leg,
    method: entry.method,
    url,
    params: [...shownParams].map(([name, value]) => ({ name, value, help: PARAMETER_HELP[name] })),
    requestHeaders: Object.entries(headers).map(([name, value]) => [name, clean(value)]),
    requestBody: body,
    status: entry.status,
    responseHeaders: Object.entries(entry.responseHeaders ?? {})
      .filter(([name]) => name !== 'set-cookie')
      .map(([name, value]) => [name, clean(value)]),
    responseBody:
      entry.responseBody === undefined
        ? undefined
        : clean(reveal ? entry.responseBody : maskJson(entry.responseBody)),
    responseBytes: entry.responseBytes,
    error: entry.error,
    durationMs: entry.durationMs,
    curl:
      entry.kind === 'server-call'
        ? clean(
            toCurl({
              method: entry.method,
              url,
              requestHeaders: Object.fromEntries(Object.entries(headers)),
              requestBody: body,
            }),
          )
        : undefined,
  };
}
