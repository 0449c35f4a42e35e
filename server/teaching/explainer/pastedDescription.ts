// A pasted description as Salesforce wrote it, freed of what it was copied with: curly quotes, tags, encodings, and
// the closing quotes and brackets of the log line or JSON it was quoted in; and the error read with it.
import type { PastedError } from './types.ts';

/**
 * The description as Salesforce wrote it: copied from a chat or a web page, its apostrophes are curly; from an
 * error page, it may keep the page's tags; encoded twice on its way (a URL inside a URL), it still reads %20.
 */
export function cleanDescription(description: string): string {
  let text = description.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"');
  if (/<\/?[a-z][^>]*>/i.test(text)) text = text.replace(/<[^>]*>/g, ' ').replace(/[ \t]+/g, ' ');
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
    const unpaired = (quote: string) => text.split(quote).length % 2 === 0;
    const opened = (close: string, open: string) => text.split(open).length >= text.split(close).length;
    for (let end = text.at(-1); end && /["'}\],]/.test(end); end = text.at(-1)) {
      if (/["']/.test(end) && !unpaired(end)) break;
      if ((end === ']' && opened(']', '[')) || (end === '}' && opened('}', '{'))) break;
      text = text.slice(0, -1);
    }
    text = text.replace(/\)$/, (close) => (text.includes('(') ? close : ''));
  }
  return text.trim();
}

export function withDescription(pastedError: string, description: unknown): PastedError {
  // Salesforce's help page shows access-denied: a typo for access_denied, pasted as it stands.
  const error = /^[a-z]+(?:-[a-z]+)+$/.test(pastedError) ? pastedError.replace(/-/g, '_') : pastedError;
  const text = typeof description === 'string' ? cleanDescription(description) : '';
  return text ? { error, error_description: text } : { error };
}
