// Which response headers a transcript leg keeps: the few that teach something, the rest only counted.

/** Response headers that teach something here; the security and transport headers every response has do not. */
const TELLING_HEADERS: ReadonlySet<string> = new Set([
  'date',
  'content-type',
  'cache-control',
  'pragma',
  'expires',
  'location',
  'www-authenticate',
  'retry-after',
  'sforce-limit-info',
]);

/**
 * What a leg keeps of a response's headers: the telling ones, and how many others there were. No page shows the
 * others, and a session holding a dozen legs would otherwise carry their 700-odd bytes each on every request.
 * Cookies are neither kept nor counted: this app never shows them.
 */
export function keptResponseHeaders(headers: Record<string, string>): {
  responseHeaders: Record<string, string>;
  otherResponseHeaders: number;
} {
  const kept: Record<string, string> = {};
  let others = 0;
  for (const [name, value] of Object.entries(headers)) {
    if (TELLING_HEADERS.has(name.toLowerCase())) kept[name] = value;
    else if (name.toLowerCase() !== 'set-cookie') others++;
  }
  return { responseHeaders: kept, otherResponseHeaders: others };
}
