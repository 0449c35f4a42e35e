// Replacers the masking shares between shapes or keeps apart for length: a name's value (PAIR), a call's literal
// arguments, and literals joined onto a masked value.
import { maskValue } from '../mask.ts';
import { JOINED_PART } from './pastedSecretPatterns.ts';
import { LITERAL } from './pastedSecretShapes.ts';
import { continuesSentence, isCodeCall, isErrorCode, isNoSecret, isProse } from './pastedSecretValues.ts';

/** A call's head kept, and every literal of its arguments masked (see LOGIN_CALL and SETTER_CALL). */
export const maskLiterals = (_m: string, head: string, args: string) =>
  `${head}${args.replace(LITERAL, (m, q: string, value: string) => (isNoSecret('', value) || /^https?:\/\/[^\s@]*$/.test(value) ? m : `${q}${maskValue(value)}${q}`))}`;

/** The literals joined onto a masked value (see JOINED_LITERAL): each masked, its quotes and the join kept. */
export const maskJoinedLiterals = (_m: string, head: string, joined: string) =>
  `${head}${joined.replace(
    JOINED_PART,
    (_part: string, join: string, dq?: string, sq?: string, bq?: string) => {
      const [q, value] = dq !== undefined ? ['"', dq] : sq !== undefined ? ["'", sq] : ['`', bq ?? ''];
      return value === '' ? `${join}${q}${q}` : `${join}${q}${maskValue(value)}${q}`;
    },
  )}`;

/** PAIR's match (name=value, name: value, quoted or bare): the value masked unless it is no secret or prose. */
export function maskPair(
  m: string,
  name: string,
  sep: string,
  dq?: string,
  sq?: string,
  bq?: string,
  bare?: string,
  at = 0,
  all = '',
): string {
  // The head of a value masked already ("00D5…••••••", a token's telling prefix): the rest of it and the mask
  // follow at once. Only then: a masked JWT further along the line is another parameter's.
  if (bare !== undefined && /^[^\s]{0,3}…••••••/.test(all.slice(at + m.length))) return m;
  const [q, value] = [
    ['"', dq],
    ["'", sq],
    ['`', bq],
    ['', bare],
  ].find(([, v]) => v !== undefined) ?? ['', ''];
  // SOQL's "unexpected token: FROM" names a word of the query, which the explanation needs: that phrase only.
  const soqlToken = /^token$/i.test(name) && sep.includes(':') && !sep.includes('::');
  if (soqlToken && /\bunexpected[ \t]+$/i.test(all.slice(Math.max(0, at - 12), at))) return m;
  const proseGoesOn = continuesSentence(all, at + m.length);
  // An error code with its words after it ("Pass: invalid_grant - authentication failure").
  const codeGoesOn =
    isErrorCode(value ?? '') && /^[ \t]+\S/.test(all.slice(at + m.length, at + m.length + 3));
  const prose = (proseGoesOn && isProse(name, sep, value ?? '')) || codeGoesOn;
  if (isNoSecret(name, value ?? '') || (q === '' && (prose || isCodeCall(value ?? '')))) return m;
  return `${name}${sep}${q}${maskValue(value ?? '')}${q}`;
}
