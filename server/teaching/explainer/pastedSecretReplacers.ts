// Replacers the masking shares between shapes: a call's literal arguments, and literals joined onto a masked value.
import { maskValue } from '../mask.ts';
import { JOINED_PART } from './pastedSecretPatterns.ts';
import { LITERAL } from './pastedSecretShapes.ts';
import { isNoSecret } from './pastedSecretValues.ts';

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
