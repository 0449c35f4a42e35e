// SOQL's case-insensitive text: =, !=, IN, LIKE and GROUP BY compare the fold below; <, >, <=, >=, ORDER BY, MIN
// and MAX the upper case of that fold (sortText), so equal text never sorts apart and text that sorts as one is equal.
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

/**
 * Text as it sorts: SOQL orders English-locale text by "the UTF-8 values of the uppercase character" (SOQL guide,
 * ORDER BY), that is by code point (values.ts) of each character's upper case. ß's upper case is two letters (SS),
 * so ß keeps itself and sorts after Z, as É does. Sorting it as SS would put it between 'sr' and 'st', so that
 * 'ß' <= 'ss' and 'ß' >= 'ss' held while 'ß' = 'ss' did not. Databases keep ß as it is in upper case unless told to use German
 * rules (Oracle's NLS_UPPER gives GROßE); an org's own choice is not documented.
 * It is the upper case of the fold, so two texts sort as one exactly when they are equal (checked over all of
 * Unicode). Where that and the guide's words part, equality wins: 33 characters whose upper case is themselves but
 * which equal another letter (İ = i, the Kelvin sign K = k, ẞ = ß, Greek capitals with prosgegrammeni) sort as
 * the letter they equal.
 */
export const sortText = (text: string): string => sortTextOfFolded(foldCase(text));

/** sortText of text already folded (a comparable value), sparing a second fold. */
export function sortTextOfFolded(folded: string): string {
  const upper = folded.toUpperCase();
  // No character's upper case is shorter than it, so an unchanged length means none became two (ß → SS).
  if (upper.length === folded.length) return upper;
  let text = '';
  for (const char of folded) {
    const one = char.toUpperCase();
    text += Array.from(one).length === 1 ? one : char;
  }
  return text;
}
