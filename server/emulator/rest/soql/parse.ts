// Parses SOQL with a real SOQL parser, after Salesforce's length limit; syntax errors become MALFORMED_QUERY.
import { createRequire } from 'node:module';
import type { Query } from '@jetstreamapp/soql-parser-js';
import { LRUCache } from 'lru-cache';
import { emulatorLimit, malformed, occurrencesOf, RestError } from '../restError.ts';
import { ESCAPE_SEQUENCE, isSoqlEscape } from './values.ts';

type Parser = typeof import('@jetstreamapp/soql-parser-js');
let parser: Parser | undefined;

/**
 * The parser takes half a second to load, longer than the rest of start-up: it is loaded on the first query, or a
 * second after the emulator starts (emulator/app.ts), so that the first query does not wait for it either.
 */
export function loadSoqlParser(): Parser {
  parser ??= createRequire(import.meta.url)('@jetstreamapp/soql-parser-js') as Parser;
  return parser;
}

/** Bounds on looking for the caret's place among a repeated token's (see stoppedAt): a few parses of a short query. */
const MAX_CARET_TRIES = 20;
const MAX_CARET_SOQL = 4_000;

/** A string literal of SOQL, its escapes included (line breaks too). */
const STRING_LITERAL = /'(?:[^'\\]|\\.)*'/gs;

/** Ten opening parentheses in a row, only white space between them: more than the parser library reads. */
const DEEP_PARENTHESES = /\((?:\s*\(){9}/;

/** Salesforce refuses longer statements before parsing them. */
export const MAX_SOQL_LENGTH = 100_000;

/**
 * Clients send the same statements again and again (a page's query, paging, polling): each is parsed once. The
 * cached trees are frozen, so evaluation can never change the next caller's query. Bounded by the statements'
 * length as well as their number: a tree takes about 20 bytes per character of its statement, and 200 statements
 * near the 100,000-character limit (sent through composite/batch, past the URL's limit) held about 500 MB. A long
 * one is parsed each time instead: a hand-written or generated giant, rarely sent twice.
 */
const PARSED_CHARS = 400_000;
const parsed = new LRUCache<string, Query>({
  max: 200,
  maxSize: PARSED_CHARS,
  maxEntrySize: 20_000,
  sizeCalculation: (_tree, soql) => Math.max(1, soql.length),
});

/** What the cache holds: its statements and their characters (for tests and the curious). */
export const parsedCache = (): { statements: number; chars: number } => ({
  statements: parsed.size,
  chars: parsed.calculatedSize,
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export function parseSoql(soql: string): Query {
  if (soql.length > MAX_SOQL_LENGTH) {
    // Observed wording (django-salesforce#164); no position is given for this one.
    throw new RestError(
      400,
      'MALFORMED_QUERY',
      `SOQL statements can not be longer than ${MAX_SOQL_LENGTH} characters.`,
    );
  }
  const known = parsed.get(soql);
  if (known) return known;
  refuseBadEscapes(soql);
  try {
    // No options: any option builds a new parser for the call (about 250 ms); the defaults already refuse
    // Apex bind variables, which REST does not take.
    const query = deepFreeze(parseWithLibrary(soql));
    parsed.set(soql, query);
    return query;
  } catch (error) {
    // The parser's own limit, not the query's fault: ten parentheses opened in a row (nine parse; Salesforce's
    // limit is unknown, and such nesting is valid SOQL).
    if (DEEP_PARENTHESES.test(soql.replace(STRING_LITERAL, "''"))) {
      throw emulatorLimit(soql, '(', 'Ten or more parentheses opened one right after another');
    }
    const token = unexpectedToken(error) ?? lastWord(soql);
    throw malformed(soql, token, `unexpected token: ${token || 'end of query'}`, stoppedAt(soql, token));
  }
}

/** The library's parse of a statement (or of its start, for the caret), its literals' separators escaped. */
const parseWithLibrary = (soql: string): Query => loadSoqlParser().parseQuery(withSeparatorsEscaped(soql));

/**
 * U+2028 and U+2029 (line and paragraph separators, pasted from a word processor) are characters like any other to
 * Salesforce, but the parser's pattern for a string literal stops at them (JavaScript's `.`): written as the \u
 * escapes SOQL reads back to the same characters, a literal holding one parses. (A raw line feed in a literal stays
 * refused: whether Salesforce takes one is unconfirmed, and clients send \n.)
 */
function withSeparatorsEscaped(soql: string): string {
  if (!/[\u2028\u2029]/.test(soql)) return soql;
  // Only inside literals: elsewhere the parser already reads them as white space.
  return soql.replace(STRING_LITERAL, (literal) =>
    literal.replace(/[\u2028\u2029]/g, (separator) => (separator === '\u2028' ? '\\u2028' : '\\u2029')),
  );
}

/**
 * A backslash in a string literal may only start one of SOQL's escapes (see values.ts); "any other context" is an
 * error, Salesforce's guide says. The wording and the caret at the literal's start are an org's (restforce#632: a
 * \- in 'Anne\-Marie'); its column there reads one less, as if counted from 0, while this emulator counts columns
 * from 1 in every message, as its other observed messages do.
 */
function refuseBadEscapes(soql: string): void {
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
