// A pasted description as Salesforce wrote it, freed of what it was copied with: curly quotes, tags, encodings, and
// the closing quotes and brackets of the log line or JSON it was quoted in; the error read with it; and a client's
// own line, quoted when no description came; and the error of a pasted callback URL or form.
import type { PastedError } from './types.ts';

/** An error code's shape, as OAuth (invalid_grant) and the REST API (INVALID_SESSION_ID) write them. */
export const ERROR_CODE = '[a-z]+(?:_[a-z]+)+|[A-Z]+(?:_[A-Z]+)+';

/** Curly quotes (a chat's, a document's, a terminal's "hasn’t") as the straight ones code and Salesforce write. */
export const straightQuotes = (text: string) =>
  text.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"');

/**
 * The description as Salesforce wrote it: copied from a chat or a web page, its apostrophes are curly; from an
 * error page, it may keep the page's tags; encoded twice on its way (a URL inside a URL), it still reads %20.
 */
export function cleanDescription(description: string): string {
  let text = straightQuotes(description);
  // A stack trace after the words (a connector's JSON holds its error's stack, line breaks escaped or not): the
  // client's frames, never Salesforce's words.
  const frame = /(?:\n|\\n)[ \t]*at [^\s]/.exec(text);
  if (frame) text = text.slice(0, frame.index);
  if (/<\/?[a-z][^>]*>/i.test(text)) text = text.replace(/<[^>]*>/g, ' ').replace(/[ \t]+/g, ' ');
  text = withoutEntities(text);
  for (let round = 0; round < 2 && /%[0-9a-f]{2}/i.test(text); round++) {
    try {
      text = decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
      break;
    }
  }
  // A closing quote, brace or bracket of what the description was quoted in, never part of Salesforce's words; one
  // that closes what the words opened stays ("on entity 'Account'", "missing: [LastName]").
  if (!text.includes('\n')) {
    text = text.slice(0, trimmedEnd(text));
    text = text.replace(/\)$/, (close) => (text.includes('(') ? close : ''));
  }
  return text.trim();
}

/** Copied from a page's source or an escaped log: "hasn&#39;t", "&quot;Account&quot;", "A &amp; B". */
const ENTITIES: Record<string, string> = {
  ...{ amp: '&', apos: "'", quot: '"', lt: '<', gt: '>', nbsp: ' ' },
  // Curly quotes, straightened as straightQuotes does.
  ...{ lsquo: "'", rsquo: "'", ldquo: '"', rdquo: '"' },
};
/** Escaped twice on its way (&amp;#39;), decoded twice. */
export const withoutEntities = (text: string) => decodeEntities(decodeEntities(text));
function decodeEntities(text: string): string {
  return text.replace(
    /&(?:#(\d{1,6})|#x([\da-f]{1,6})|([a-z]+));/gi,
    (entity, decimal?: string, hex?: string, name?: string) => {
      if (name !== undefined) return ENTITIES[name.toLowerCase()] ?? entity;
      const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? '', 16);
      return code > 0 && code <= 0x10ffff ? straightQuotes(String.fromCodePoint(code)) : entity;
    },
  );
}

/**
 * Where the description ends once the closing quotes, braces, brackets and commas of what it was quoted in are cut
 * off, each counted once (a paste ending in thousands of them is read in one pass).
 */
function trimmedEnd(text: string): number {
  const count: Record<string, number> = { '"': 0, "'": 0, '[': 0, ']': 0, '{': 0, '}': 0 };
  for (const character of text) if (character in count) count[character]++;
  let end = text.length;
  for (; end > 0 && /["'}\],]/.test(text[end - 1]); end--) {
    const last = text[end - 1];
    // A quote that pairs with an opening one, or a bracket that closes one the words opened, is theirs.
    if (/["']/.test(last) && count[last] % 2 === 0) break;
    if ((last === ']' && count['['] >= count[']']) || (last === '}' && count['{'] >= count['}'])) break;
    if (last in count) count[last]--;
  }
  return end;
}

export function withDescription(pastedError: string, description: unknown): PastedError {
  // Salesforce's help page shows access-denied: a typo for access_denied, pasted as it stands.
  const error = /^[a-z]+(?:-[a-z]+)+$/.test(pastedError) ? pastedError.replace(/-/g, '_') : pastedError;
  const text = typeof description === 'string' ? cleanDescription(description) : '';
  return text ? { error, error_description: text } : { error };
}

/** A quoted line's most characters: a minified body or a long URL on it must not fill the page. */
const QUOTED_LINE = 200;

/**
 * The pasted line holding what was read (from `at` to `to`), not the whole stack trace: at most 200 characters, with
 * what was read always among them (Spring's "… 400 Bad Request: [no body]" ends past them), and … where it was cut,
 * so that a cut line never reads as the whole of it.
 */
export function lineAround(input: string, at: number, to = at): string {
  const start = input.lastIndexOf('\n', at) + 1;
  const stop = input.indexOf('\n', at);
  const raw = input.slice(start, stop < 0 ? undefined : stop);
  const line = raw.trim();
  if (line.length <= QUOTED_LINE) return line;
  const readTo = Math.min(line.length, to - start - (raw.length - raw.trimStart().length));
  if (readTo < QUOTED_LINE) return `${line.slice(0, QUOTED_LINE - 1)}…`;
  const tail = readTo < line.length ? '…' : '';
  const from = readTo - (QUOTED_LINE - 1 - tail.length);
  const kept = line.slice(from, readTo);
  // Cut inside a word ("…ingframework.security…"), it starts at the next space or dot instead, within a few characters.
  const midWord = /[\w-]/.test(line[from - 1] ?? '') && /^[\w-]/.test(kept);
  const boundary = midWord ? (/^[\w-]{1,24}[\s.]/.exec(kept)?.[0].length ?? 0) : 0;
  return `…${kept.slice(boundary).trimStart()}${tail}`;
}

/** A whole URL (query or #fragment) or a bare "error=...&error_description=..." string. */
export function fromUrlOrForm(input: string): PastedError | undefined {
  const candidates: string[] = [];
  if (URL.canParse(input)) {
    const url = new URL(input);
    candidates.push(url.search.slice(1), url.hash.slice(1));
  }
  // Its own parameter, not the end of another name (an HTML onerror=, an oauth_error=).
  const at = /(?<![\w-])error=/.exec(input)?.index ?? -1;
  if (at >= 0) candidates.push(input.slice(at).split(/\s/)[0]);
  for (const candidate of candidates) {
    const params = new URLSearchParams(candidate);
    const error = params.get('error');
    if (error) return withDescription(error, params.get('error_description'));
  }
  return undefined;
}
