// The result page's query form, read: one soql field of text, within the length the page allows.
import { HttpError } from '../errors.ts';

export const MAX_SOQL_LENGTH = 4000;

const BACK = { href: '/result#query', label: 'Back to the query' };

/** The query as typed ('' when the field was left empty), or an HttpError that says what is wrong with the form. */
export function typedSoql(body: { soql?: unknown } | undefined): string {
  const sent = body?.soql;
  // The page sends one soql field; two, or a JSON list, were put together by hand: running the sample query in
  // their place would answer a query nobody sent as if it were theirs.
  if (sent !== undefined && typeof sent !== 'string') {
    throw new HttpError(
      400,
      'Malformed form',
      'The form carried its soql field more than once, or not as text.',
      BACK,
    );
  }
  // A browser sends the textarea's line breaks as CRLF, while its maxlength counts each as one character.
  const typed = (sent ?? '').replace(/\r\n/g, '\n');
  // Cut short, a query would fail with a parse error at a place the learner never wrote. The page's box lets one
  // character past the limit through, so a paste it cut arrives here too long: its length then is the box's, not the
  // paste's, so the answer says "longer than", true either way. Measured before trimming: a paste cut at a space
  // would otherwise fit once trimmed, and run without its tail.
  if (typed.length > MAX_SOQL_LENGTH) {
    throw new HttpError(
      400,
      'Query too long',
      `The query is longer than the ${MAX_SOQL_LENGTH.toLocaleString('en-US')} characters this page takes (the session keeps it between views). Shorten it, or send it with curl or jsforce from the snippets.`,
      BACK,
    );
  }
  return typed.trim();
}
