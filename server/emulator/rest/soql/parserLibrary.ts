// The SOQL parser library: loaded late (it is slow to load), and handed statements in a form it reads as Salesforce.
import { createRequire } from 'node:module';
import type { Query } from '@jetstreamapp/soql-parser-js';

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

/** A string literal of SOQL, its escapes included (line breaks too). */
export const STRING_LITERAL = /'(?:[^'\\]|\\.)*'/gs;

/** The library's parse of a statement (or of its start, for the caret), its literals' separators escaped. */
export const parseWithLibrary = (soql: string): Query =>
  loadSoqlParser().parseQuery(withSeparatorsEscaped(soql));

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
