// Why a statement does not parse, told as Salesforce tells it: MALFORMED_QUERY naming the token, with a caret at
// its place (the parser library's own message gives neither in Salesforce's words).
import { emulatorLimit, malformed, occurrencesOf, type RestError } from '../restError.ts';
import { parseWithLibrary, STRING_LITERAL } from './parserLibrary.ts';
import { ESCAPE_SEQUENCE, isSoqlEscape } from './values.ts';

/** Bounds on looking for the caret's place among a repeated token's (see stoppedAt): a few parses of a short query. */
const MAX_CARET_TRIES = 20;
const MAX_CARET_SOQL = 4_000;

/** Ten opening parentheses in a row, only white space between them: more than the parser library reads. */
const DEEP_PARENTHESES = /\((?:\s*\(){9}/;

/**
 * A backslash in a string literal may only start one of SOQL's escapes (see values.ts); "any other context" is an
 * error, Salesforce's guide says. The wording and the caret at the literal's start are an org's (restforce#632: a
 * \- in 'Anne\-Marie'); its column there reads one less, as if counted from 0, while this emulator counts columns
 * from 1 in every message, as its other observed messages do.
 */
export function refuseBadEscapes(soql: string): void {
  for (const literal of soql.matchAll(STRING_LITERAL)) {
    for (const escape of literal[0].matchAll(ESCAPE_SEQUENCE)) {
      if (isSoqlEscape(escape[1])) continue;
      throw malformed(
        soql,
        literal[0],
        `Invalid string literal ${literal[0]}. Illegal character sequence '\\${escape[1]}' in string literal.`,
        literal.index,
      );
    }
  }
}

/** The error for a statement the parser library refused, from what its message says. */
export function malformedQuery(soql: string, error: unknown): RestError {
  // The parser's own limit, not the query's fault: ten parentheses opened in a row (nine parse; Salesforce's
  // limit is unknown, and such nesting is valid SOQL).
  if (DEEP_PARENTHESES.test(soql.replace(STRING_LITERAL, "''"))) {
    return emulatorLimit(soql, '(', 'Ten or more parentheses opened one right after another');
  }
  const token = unexpectedToken(error) ?? lastWord(soql);
  return malformed(soql, token, `unexpected token: ${token || 'end of query'}`, stoppedAt(soql, token));
}

/** What the parser found where it stopped, read from its message: 'x', a bare character (": ;"), or '' at the end. */
function unexpectedToken(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : '';
  return (
    /but found: '([^']*)'\s*$/.exec(message)?.[1] ??
    /found[^']*'([^']*)'/.exec(message)?.[1] ??
    /but found: (\S+)\s*$/.exec(message)?.[1] ??
    /->(.)<-/.exec(message)?.[1]
  );
}

/**
 * Which of a token's places the parser stopped at, when it appears more than once (its message gives no offset):
 * the first whose query cut just after it fails on it, not on the early end. Undefined: the first place. Each
 * try parses the query again: a long statement, or a token found many times (a comma), keeps the first place.
 */
function stoppedAt(soql: string, token: string): number | undefined {
  const places = occurrencesOf(soql, token);
  if (places.length < 2 || places.length > MAX_CARET_TRIES || soql.length > MAX_CARET_SOQL) return undefined;
  return places.find((at) => {
    try {
      parseWithLibrary(soql.slice(0, at + token.length));
      return false;
    } catch (error) {
      return unexpectedToken(error)?.toLowerCase() === token.toLowerCase();
    }
  });
}

function lastWord(soql: string): string {
  return soql.trim().split(/\s+/).pop() ?? '';
}
