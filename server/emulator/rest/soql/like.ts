// SOQL LIKE without regular expressions: the pattern is cut at each `%` into pieces that must appear in order,
// each found at its leftmost place. Nothing backtracks, so a hostile pattern costs at most one scan per piece.
// Case is folded as the value's is, over whole runs of text (one letter can lower to two, as İ does), and `_` is one
// character, an emoji too (Salesforce's rule for characters outside the BMP is unconfirmed: one character is what
// a database's LIKE means).
import { escapeAt, escapedChar } from './values.ts';

/** `_`: any one character. */
const ANY_ONE = null;

/** One piece between two `%`: characters (code points, case folded), or ANY_ONE for `_`. */
type Piece = (string | typeof ANY_ONE)[];

export interface LikePattern {
  pieces: Piece[];
  anchoredStart: boolean;
  anchoredEnd: boolean;
  /** Characters the pattern needs at least. */
  fixedLength: number;
}

/** Reads the body of a SOQL string literal used with LIKE: `\%` and `\_` are literal, `%` and `_` wild. */
export function compileLike(body: string): LikePattern {
  const pieces: Piece[] = [[]];
  let literal = '';
  const flush = () => {
    pieces[pieces.length - 1].push(...Array.from(literal.toLowerCase()));
    literal = '';
  };
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char === '\\' && i + 1 < body.length) {
      const escape = escapeAt(body, i);
      literal += escapedChar(escape);
      i += escape.length;
    } else if (char === '%') {
      flush();
      if (pieces[pieces.length - 1].length > 0 || pieces.length === 1) pieces.push([]);
    } else if (char === '_') {
      flush();
      pieces[pieces.length - 1].push(ANY_ONE);
    } else {
      literal += char;
    }
  }
  flush();
  const anchoredStart = pieces.length === 1 || pieces[0].length > 0;
  const anchoredEnd = pieces.length === 1 || pieces[pieces.length - 1].length > 0;
  const fixedLength = pieces.reduce((sum, piece) => sum + piece.length, 0);
  return { pieces: pieces.filter((piece) => piece.length > 0), anchoredStart, anchoredEnd, fixedLength };
}

export function matchLike(pattern: LikePattern, value: string): boolean {
  const text = Array.from(value.toLowerCase());
  if (pattern.fixedLength > text.length) return false;
  const { pieces, anchoredStart, anchoredEnd } = pattern;
  if (pieces.length === 0) return !(anchoredStart && anchoredEnd) || text.length === 0;
  let from = 0;
  let middle = pieces;
  if (anchoredStart) {
    if (!matchesAt(pieces[0], text, 0)) return false;
    from = pieces[0].length;
    middle = middle.slice(1);
  }
  const last = anchoredEnd ? middle[middle.length - 1] : undefined;
  if (last) middle = middle.slice(0, -1);
  for (const piece of middle) {
    const at = find(piece, text, from);
    if (at < 0) return false;
    from = at + piece.length;
  }
  if (!anchoredEnd) return true;
  if (!last) return from === text.length;
  const start = text.length - last.length;
  return start >= from && matchesAt(last, text, start);
}

function find(piece: Piece, text: string[], from: number): number {
  for (let at = from; at + piece.length <= text.length; at++) {
    if (matchesAt(piece, text, at)) return at;
  }
  return -1;
}

function matchesAt(piece: Piece, text: string[], at: number): boolean {
  if (at + piece.length > text.length) return false;
  for (let i = 0; i < piece.length; i++) {
    const char = piece[i];
    if (char !== ANY_ONE && char !== text[at + i]) return false;
  }
  return true;
}
