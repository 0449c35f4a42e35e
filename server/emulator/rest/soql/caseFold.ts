// Case folding for SOQL's case-insensitive text: =, !=, IN, LIKE, ORDER BY and GROUP BY all compare text folded
// the same way, so no operator finds a record another one misses.
//
// Each character folds on its own to one character: the lower case of its upper case, as a comparison that ignores
// case character by character does (Java's equalsIgnoreCase). So ſ is s, ı is i, µ is μ and a final ς is σ, and
// İ is i (one letter, not i and a dot). A character whose upper case is two (ß → SS) folds to its own lower case:
// ß matches ß, not ss. How an org compares these few characters is not documented; this is the usual rule.

/**
 * Lower-case characters that fold further (their upper case lowers to another letter), found by scanning Unicode
 * (the combining iota U+0345 outside the class, where it cannot combine).
 */
const FOLDS_FURTHER =
  /\u0345|[\u00b5\u0131\u017f\u03c2\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u1c80-\u1c88\u1e9b\u1fbe]/;

/** One character's fold: the first code point of the lower case of its upper case (or of itself, see above). */
function foldChar(char: string): string {
  const upper = char.toUpperCase();
  const base = Array.from(upper).length === 1 ? upper : char;
  return String.fromCodePoint(base.toLowerCase().codePointAt(0) as number);
}

/** Text folded for a comparison that ignores case: one character to one, as described above. */
export function foldCase(text: string): string {
  const lower = text.toLowerCase();
  // Most text: String#toLowerCase already is the fold (no character changed length or lowers to one that folds on).
  if (lower.length === text.length && !FOLDS_FURTHER.test(lower)) return lower;
  let folded = '';
  for (const char of text) folded += foldChar(char);
  return folded;
}
