// Errors pasted without their code: a REST error's message alone (some tools print only the message), or only the
// HTTP status a client printed in place of Salesforce's answer. Read after every shape that names a code.
import { lineAround } from './pastedDescription.ts';
import type { PastedError } from './types.ts';

/** Salesforce's own words for a REST error, each to its code; the capture (or the whole match) is the description. */
const MESSAGES: [RegExp, string][] = [
  [/No such column '[^'\n]+' on (?:entity|sobject of type) [^\n]*/, 'INVALID_FIELD'],
  [/sObject type '[^'\n]+' is not supported[^\n]*/, 'INVALID_TYPE'],
  [/Session expired or invalid/, 'INVALID_SESSION_ID'],
  [/(?:The REST )?API is not enabled for this Organization[^\n]*/, 'API_DISABLED_FOR_ORG'],
  // The words Salesforce sends with access_denied, which passport's AuthorizationError prints alone.
  [/end-user denied authorization/, 'access_denied'],
  // A SOQL parser's message: the query, a caret, "ERROR at Row:1:Column:11", then what it met.
  [/ERROR at Row:\d+:Column:\d+\s*\n\s*(unexpected token: [^\n]*)/, 'MALFORMED_QUERY'],
];

/**
 * A tool's own sentence in place of Salesforce's code, said only for that code: the code alone is read, the words
 * being the tool's. Workbench puts its sentence in place of any error starting INVALID_SESSION_ID (workbench/shared.php,
 * handleAllExceptionsInternal), then logs out with "An error has occurred and you have been logged out:" before it.
 */
const TOOL_WORDS: [RegExp, string][] = [
  // Also from the address bar, where it comes as logout.php?message=Your+Salesforce+session+is+…
  [/Your[\s+]Salesforce[\s+]session[\s+]is[\s+]invalid[\s+]or[\s+]has[\s+]expired/, 'INVALID_SESSION_ID'],
];

export function fromMessage(input: string): PastedError | undefined {
  const own = TOOL_WORDS.find(([shape]) => shape.test(input));
  if (own) return { error: own[1] };
  for (const [shape, error] of MESSAGES) {
    const match = shape.exec(input);
    if (match) return { error, error_description: (match[1] ?? match[0]).trim() };
  }
  return undefined;
}

/**
 * The status alone, as clients word it when they raise on it: Python requests' raise_for_status, axios, curl -f,
 * Java's HttpURLConnection, MuleSoft's "failed: bad request (400)", .NET's EnsureSuccessStatusCode() and WebException
 * (Windows PowerShell's Invoke-RestMethod too), an Apex debug log's callout response (a refusal's status only),
 * Spring's WebClient ("400 Bad Request from POST …") and RestClient ("400 Bad Request: [no body]"), and PHP Guzzle's
 * "resulted in a `400 Bad Request` response" (its body, if any, cut at 120 characters), and simple-oauth2's (through
 * @hapi/wreck) "Response Error: 400 Bad Request", its body kept in err.data.payload. Apart from Guzzle's start of
 * it, the body that said why was left unread. Each status text is bounded: a run of "400 A 400 A …" must not be read again from each status.
 */
const STATUS_ONLY =
  /\b[1-5]\d\d (?:Client|Server) Error\b|Request failed with status code \d{3}|The requested URL returned error: \d{3}|Server returned HTTP response code: \d{3}|\bfailed: [a-z ]+ \(\d{3}\)|Response status code does not indicate success: \d{3}|The remote server returned an error: \(\d{3}\)|\bHttpResponse\[Status=[\w ]*, StatusCode=[45]\d\d\]|\b[45]\d\d [A-Z][A-Za-z -]{0,40}(?: from (?:GET|POST|PUT|PATCH|DELETE|HEAD)\b|: \[no body\])|resulted in a `[1-5]\d\d [^`\n]{0,40}` response|\bResponse Error: [45]\d\d\b/i;

/**
 * Salesforce's answers to a call too long to read (414, 431), as any client words them: besides the wordings above,
 * jsforce's ERROR_HTTP_414 (its name for a status without a JSON error), simple_salesforce's "Error Code 414", a
 * status line, or the reason phrase alone. Their body, if any, says nothing more, so none was lost.
 */
const TOO_LONG =
  /\b(?:414|431)\b[^\n]{0,60}?(?:URI Too Long|Request Header Fields Too Large)|URI Too Long|Request Header Fields Too Large|\bERROR_HTTP_(?:414|431)\b|\bError Code (?:414|431)\b|\bHTTP\/[\d.]+ (?:414|431)\b/i;

export function fromStatusOnly(input: string): PastedError | undefined {
  const proxied = fromNginxPage(input);
  if (proxied) return proxied;
  const match = STATUS_ONLY.exec(input);
  const tooLong = TOO_LONG.exec(input) ?? tooLongStatus(match);
  if (tooLong) {
    const line = lineAround(input, tooLong.index, tooLong.index + tooLong[0].length);
    return { error: 'request_too_long', error_description: line, fromClient: true };
  }
  if (!match) return undefined;
  const line = lineAround(input, match.index, match.index + match[0].length);
  const guzzle = match[0].startsWith('resulted in');
  return {
    error: 'http_status_only',
    error_description: line,
    fromClient: true,
    ...(guzzle && { bodyStart: true }),
  };
}

/** A client's status wording whose status is 414 or 431. */
function tooLongStatus(match: RegExpExecArray | null): RegExpExecArray | null {
  return match && /\b(?:414|431)\b/.test(match[0]) ? match : null;
}

/**
 * nginx's own error page for a call longer than its buffers (large_client_header_buffers): 414 Request-URI Too Large
 * for the address, 400 with "Request Header Or Cookie Too Large" for a header. Signed with its name at the foot, so
 * the answer is told as nginx's, the proxy in front, with its title and the header line's words as its description.
 */
function fromNginxPage(input: string): PastedError | undefined {
  const signature = /<hr>\s*<center>(nginx(?:\/[\d.]+)?)<\/center>/i.exec(input)?.[1];
  // Trimmed after: spaces on both sides of a lazy capture were tried in every split (minutes on a crafted paste).
  const title = /<title>([^<]*)<\/title>/i.exec(input)?.[1]?.trim();
  if (!signature || !title) return undefined;
  // Its own page's title says which: another status's page that merely quotes the words is not this one.
  const tooLong =
    /^414\b/.test(title) || (/^400\b/.test(title) && /Request Header Or Cookie Too Large/i.test(input));
  if (!tooLong) return undefined;
  const words = /^400\b/.test(title) ? '400 Request Header Or Cookie Too Large' : title;
  return { error: 'request_too_long', error_description: words, fromClient: true, proxy: signature };
}
