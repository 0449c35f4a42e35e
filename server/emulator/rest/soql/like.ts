// SOQL LIKE without regular expressions: the pattern is cut at each `%` into pieces that must appear in order,
// each found at its leftmost place. Nothing backtracks, so a hostile pattern costs at most one scan per piece.
// Case is folded on both sides as every text comparison folds it (caseFold.ts), and `_` is one character, an
// emoji too (Salesforce's rule outside the BMP is unconfirmed: one character is what a database's LIKE means).
import { foldCase } from './caseFold.ts';
import { escapeAt, escapedChar } from './values.ts';

/** `_`: any one character. */
const ANY_ONE = null;

/** One piece between two `%`: folded characters (code points), or ANY_ONE for `_`. */
type Piece = (string | typeof ANY_ONE)[];

export interface LikePattern {
  pieces: Piece[];
  /** Each piece as one string, when the pattern has no `_`: matched with indexOf on the folded value. */
  texts?: string[];
  anchoredStart: boolean;
  anchoredEnd: boolean;
  /** What the pattern needs at least: characters, or UTF-16 units when it has no `_` (see texts). */
  fixedLength: number;
}

/** Reads the body of a SOQL string literal used with LIKE: `\%` and `\_` are literal, `%` and `_` wild. */
export function compileLike(body: string): LikePattern {
  const pieces: Piece[] = [[]];
  let literal = '';
  let anyOne = false;
  const flush = () => {
    pieces[pieces.length - 1].push(...Array.from(foldCase(literal)));
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
      anyOne = true;
    } else {
      literal += char;
    }
  }
  flush();
  const anchoredStart = pieces.length === 1 || pieces[0].length > 0;
  const anchoredEnd = pieces.length === 1 || pieces[pieces.length - 1].length > 0;
  const kept = pieces.filter((piece) => piece.length > 0);
  const texts = anyOne ? undefined : kept.map((piece) => piece.join(''));
  const fixedLength = texts
    ? texts.reduce((sum, text) => sum + text.length, 0)
    : kept.reduce((sum, piece) => sum + piece.length, 0);
  return { pieces: kept, texts, anchoredStart, anchoredEnd, fixedLength };
}

export function matchLike(pattern: LikePattern, value: string): boolean {
  const folded = foldCase(value);
  // Without `_`, strings and indexOf (UTF-16 units line up on both sides); with it, characters one by one.
  if (pattern.texts) return matchPieces(pattern, pattern.texts, folded, textFind);
  return matchPieces(pattern, pattern.pieces, Array.from(folded), pieceFind);
}

interface Sequence {
  length: number;
}

/** Where `piece` is found in `text` from `from` on (-1: nowhere), or, with `only`, whether it stands at `from`. */
type Find<P, T> = (piece: P, text: T, from: number, only?: boolean) => number;

function matchPieces<P extends Sequence, T extends Sequence>(
  pattern: LikePattern,
  pieces: P[],
  text: T,
  find: Find<P, T>,
): boolean {
  if (pattern.fixedLength > text.length) return false;
  const { anchoredStart, anchoredEnd } = pattern;
  if (pieces.length === 0) return !(anchoredStart && anchoredEnd) || text.length === 0;
  let from = 0;
  let middle = pieces;
  if (anchoredStart) {
    if (find(pieces[0], text, 0, true) < 0) return false;
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
  return start >= from && find(last, text, start, true) >= 0;
}

const textFind: Find<string, string> = (piece, text, from, only) =>
  only ? (text.startsWith(piece, from) ? from : -1) : text.indexOf(piece, from);

const pieceFind: Find<Piece, string[]> = (piece, text, from, only) => {
  for (let at = from; at + piece.length <= text.length; at++) {
    if (piece.every((char, i) => char === ANY_ONE || char === text[at + i])) return at;
    if (only) break;
  }
  return -1;
};
