// SOQL LIKE without regular expressions: the pattern is cut at each `%` into pieces that must appear in order,
// each found at its leftmost place. Nothing backtracks, so a hostile pattern costs at most one scan per piece.
import { escapeAt, escapedChar } from './values.ts';

const ANY_ONE = -1;

/** One piece between two `%`: character codes, or ANY_ONE for `_`. */
type Piece = { units: number[]; text?: string };

export interface LikePattern {
  pieces: Piece[];
  anchoredStart: boolean;
  anchoredEnd: boolean;
  fixedLength: number;
}

/** Reads the body of a SOQL string literal used with LIKE: `\%` and `\_` are literal, `%` and `_` wild. */
export function compileLike(body: string): LikePattern {
  const pieces: Piece[] = [{ units: [] }];
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    const current = pieces[pieces.length - 1];
    if (char === '\\' && i + 1 < body.length) {
      const escape = escapeAt(body, i);
      current.units.push(escapedChar(escape).toLowerCase().charCodeAt(0));
      i += escape.length;
    } else if (char === '%') {
      if (current.units.length > 0 || pieces.length === 1) pieces.push({ units: [] });
    } else {
      current.units.push(char === '_' ? ANY_ONE : char.toLowerCase().charCodeAt(0));
    }
  }
  for (const piece of pieces) {
    if (!piece.units.includes(ANY_ONE)) piece.text = String.fromCharCode(...piece.units);
  }
  const anchoredStart = pieces.length === 1 || pieces[0].units.length > 0;
  const anchoredEnd = pieces.length === 1 || pieces[pieces.length - 1].units.length > 0;
  const fixedLength = pieces.reduce((sum, piece) => sum + piece.units.length, 0);
  return { pieces: pieces.filter((p) => p.units.length > 0), anchoredStart, anchoredEnd, fixedLength };
}

export function matchLike(pattern: LikePattern, value: string): boolean {
  const text = value.toLowerCase();
  if (pattern.fixedLength > text.length) return false;
  const { pieces, anchoredStart, anchoredEnd } = pattern;
  if (pieces.length === 0) return !(anchoredStart && anchoredEnd) || text.length === 0;
  let from = 0;
  let middle = pieces;
  if (anchoredStart) {
    if (!matchesAt(pieces[0], text, 0)) return false;
    from = pieces[0].units.length;
    middle = middle.slice(1);
  }
  const last = anchoredEnd ? middle[middle.length - 1] : undefined;
  if (last) middle = middle.slice(0, -1);
  for (const piece of middle) {
    const at = find(piece, text, from);
    if (at < 0) return false;
    from = at + piece.units.length;
  }
  if (!anchoredEnd) return true;
  if (!last) return from === text.length;
  const start = text.length - last.units.length;
  return start >= from && matchesAt(last, text, start);
}

function find(piece: Piece, text: string, from: number): number {
  if (piece.text !== undefined) return text.indexOf(piece.text, from);
  for (let at = from; at + piece.units.length <= text.length; at++) {
    if (matchesAt(piece, text, at)) return at;
  }
  return -1;
}

function matchesAt(piece: Piece, text: string, at: number): boolean {
  if (at + piece.units.length > text.length) return false;
  for (let i = 0; i < piece.units.length; i++) {
    const unit = piece.units[i];
    if (unit !== ANY_ONE && unit !== text.charCodeAt(at + i)) return false;
  }
  return true;
}
