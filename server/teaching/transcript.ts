// Turns raw transcript entries into what the page shows: every secret masked, parameters explained, and each
// server call ready to take home (curl, jsforce, sf CLI, Python), with placeholders until its owner reveals it.
import type { TranscriptEntry } from '../attempts/attempt.ts';
import { keptResponseHeaders } from '../attempts/responseHeaders.ts';
import { maskForm, maskHeaders, maskJson, maskParamValue, maskUrl, prettyJson } from './mask.ts';
import { scrub } from './scrub.ts';
import { isServerCall, legSummary, type LegAttempt, type LegSummary } from './legSummary.ts';
import { PARAMETER_HELP } from './parameters.ts';
import type { SnippetContext } from './snippets/context.ts';
import { snippetSet, type SnippetSet } from './snippets/index.ts';
import { legRequest } from './snippets/request.ts';

export interface EntryView extends LegSummary {
  url: string;
  params: { name: string; value: string; help?: string }[];
  requestHeaders: [string, string][];
  requestBody?: string;
  /** The headers worth reading (Date, Content-Type, Cache-Control…); the others are only counted. */
  responseHeaders: [string, string][];
  otherResponseHeaders: number;
  responseBody?: string;
  responseBytes?: number;
  durationMs?: number;
  snippets?: SnippetSet;
}

function paramsOf(entry: TranscriptEntry): URLSearchParams {
  if (entry.kind === 'server-call') return new URLSearchParams(entry.requestBody ?? '');
  if (!URL.canParse(entry.url)) return new URLSearchParams();
  const url = new URL(entry.url);
  return new URLSearchParams(url.hash ? url.hash.slice(1) : url.search);
}

export interface EntryViewOptions {
  /** The owner asked for the raw values: only ever for their own session, on their request. */
  reveal?: boolean;
  /** Where snippets point (certificate, key file); without it the view has no snippets. */
  snippets?: Omit<SnippetContext, 'reveal'>;
  /** The leg's name on the page (see legNames); the leg's own name when alone. */
  name?: string;
  /** The attempt the entry belongs to, to tell whether its single-use values are spent and what faults it met. */
  attempt?: LegAttempt;
}

export function entryView(
  entry: TranscriptEntry,
  secrets: readonly string[],
  options: EntryViewOptions = {},
): EntryView {
  const reveal = options.reveal ?? false;
  const clean = (text: string) => (reveal ? text : scrub(text, secrets));
  const headers = reveal ? entry.requestHeaders : maskHeaders(entry.requestHeaders);
  // A leg keeps only the telling headers now; one saved before (a Redis store outlives the app) has them all.
  const kept = keptResponseHeaders(entry.responseHeaders ?? {});
  return {
    ...legSummary(entry, options.name ?? entry.leg, options.attempt),
    url: clean(reveal ? entry.url : maskUrl(entry.url)),
    params: [...paramsOf(entry)].map(([name, value]) => ({
      name,
      value: clean(reveal ? value : maskParamValue(name, value)),
      help: PARAMETER_HELP[name],
    })),
    requestHeaders: Object.entries(headers).map(([name, value]) => [name, clean(value)]),
    requestBody:
      entry.requestBody === undefined
        ? undefined
        : clean(reveal ? entry.requestBody : maskForm(entry.requestBody)),
    responseHeaders: Object.entries(kept.responseHeaders).map(([name, value]) => [name, clean(value)]),
    otherResponseHeaders: entry.otherResponseHeaders ?? kept.otherResponseHeaders,
    responseBody:
      entry.responseBody === undefined
        ? undefined
        : clean(reveal ? prettyJson(entry.responseBody) : maskJson(entry.responseBody)),
    responseBytes: entry.responseBytes,
    durationMs: entry.durationMs,
    snippets:
      isServerCall(entry) && options.snippets
        ? cleanSet(snippetSet(legRequest(entry), { ...options.snippets, reveal }), clean)
        : undefined,
  };
}

/**
 * Whether Reveal has anything to show in a leg shown as `view`: a masked value, or copies with a secret to fill in.
 * One with neither (an error at the callback, the redirect to authorize, the pre-flight, the versions list) gets no
 * Reveal button that would say "revealed" and change nothing.
 */
export function revealable(entry: TranscriptEntry, secrets: readonly string[], view: EntryView): boolean {
  if ((view.snippets?.variables.length ?? 0) > 0) return true;
  const shown = ({ url, params, requestHeaders, requestBody, responseHeaders, responseBody }: EntryView) =>
    JSON.stringify([url, params, requestHeaders, requestBody, responseHeaders, responseBody]);
  return shown(view) !== shown(entryView(entry, secrets, { reveal: true }));
}

/** The last line of defence holds for snippets too: before Reveal, no known secret survives in them. */
function cleanSet(set: SnippetSet, clean: (text: string) => string): SnippetSet {
  return {
    ...set,
    snippets: set.snippets.map((snippet) =>
      snippet.text ? { ...snippet, text: clean(snippet.text) } : snippet,
    ),
  };
}
