// Parses SOQL with a real SOQL parser, after Salesforce's length limit, each statement once; syntax errors become
// MALFORMED_QUERY (malformedQuery.ts).
import type { Query } from '@jetstreamapp/soql-parser-js';
import { LRUCache } from 'lru-cache';
import { RestError } from '../restError.ts';
import { malformedQuery, refuseBadEscapes } from './malformedQuery.ts';
import { parseWithLibrary } from './parserLibrary.ts';

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
    throw malformedQuery(soql, error);
  }
}
