// Parses SOQL with a real SOQL parser, after Salesforce's length limit; syntax errors become MALFORMED_QUERY.
import { createRequire } from 'node:module';
import type { Query } from '@jetstreamapp/soql-parser-js';
import { LRUCache } from 'lru-cache';
import { malformed, RestError } from '../restError.ts';

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

/** Salesforce refuses longer statements before parsing them. */
export const MAX_SOQL_LENGTH = 100_000;

/**
 * Clients send the same statements again and again (a page's query, paging, polling): each is parsed once. The
 * cached trees are frozen, so evaluation can never change the next caller's query.
 */
const parsed = new LRUCache<string, Query>({ max: 200 });

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
  try {
    // No options: any option builds a new parser for the call (about 250 ms); the defaults already refuse
    // Apex bind variables, which REST does not take.
    let query = parsed.get(soql);
    if (!query) parsed.set(soql, (query = deepFreeze(loadSoqlParser().parseQuery(soql))));
    return query;
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    // The parser names what it found last in its message: 'x', a bare character (": ;") or '' at the end.
    const token =
      /but found: '([^']*)'\s*$/.exec(message)?.[1] ??
      /found[^']*'([^']*)'/.exec(message)?.[1] ??
      /but found: (\S+)\s*$/.exec(message)?.[1] ??
      /->(.)<-/.exec(message)?.[1] ??
      lastWord(soql);
    throw malformed(soql, token, `unexpected token: ${token || 'end of query'}`);
  }
}

function lastWord(soql: string): string {
  return soql.trim().split(/\s+/).pop() ?? '';
}
