// Which values a paste's masking leaves as they are (see pastedSecrets.ts): no secret whatever its name (empty, a
// state, an error code, masked already), or a word of a sentence where a pattern took it for a value.
import { ERROR_CODE } from './pastedDescription.ts';

/** Values that are not secrets, whatever their name: so the paste keeps what it says. */
export function isNoSecret(name: string, value: string): boolean {
  // Masked already (pasted back, or by an earlier pattern), a key removed whole, or where the code reads it from.
  if (/••••••|^\[a private key|^process\.env\./.test(value)) return true;
  // Empty values, and a state said of a credential ("token: expired"), never one itself.
  if (/^(?:null|undefined|none|nil|true|false|\*+|x+)$/i.test(value)) return true;
  // A YAML block scalar's indicator (password: |): its value is on the lines below (YAML_BLOCK).
  if (/^[|>][1-9]?[+-]?[1-9]?$/.test(value)) return true;
  if (/^(?:expired|invalid|missing|revoked|required|empty|enabled|disabled|redacted|hidden)$/i.test(value))
    return true;
  // An HTTP status logged after a credential's name ("token: 400 {…}"): three digits are a status far more often than
  // a credential (tokens and secrets are long), and the explainer reads the status.
  if (/^[1-5]\d\d$/.test(value)) return true;
  // An error code followed by its colon ("SF_PASSWORD_PROD: INVALID_LOGIN: Invalid username…"): an error's words.
  if (value.endsWith(':') && isErrorCode(value)) return true;
  // "code=400", an NSError's "Code=-10", "code: 'ERR_OSSL_UNSUPPORTED'", "code: ECONNREFUSED" and { code:
  // 'invalid_grant' } are statuses and error codes, which the explainer reads; an authorization code is long and
  // mixed (aPrx…).
  // Digits go only after an underscore (ERR_HTTP2_…): ABCDEFGH1234 could be a code of another server's.
  return name.toLowerCase() === 'code' && /^(?:-?\d+|[A-Z]+(?:_[A-Z\d]+)*|[a-z]+(?:_[a-z]+)+)$/.test(value);
}

/**
 * A method's call in code (token = sf.refresh_token(TOKEN_URL, …), a traceback's line), as a bare value: what the code
 * calls, not a value; the literals among its arguments are masked by their own shapes. Lower-case names only, and a
 * name, a quote or ) after the parenthesis: a password such as Acme.Corp(2024) is no call. Never for a quoted value
 * or a .env line's, which are literals whatever they look like.
 */
export const isCodeCall = (value: string): boolean =>
  /^[a-z_$][\w$]*(?:\.[a-z_$][\w$]*)+\((?:[A-Za-z_$]|["'`)]|$)/.test(value);

/**
 * An error code and its description ("INVALID_SESSION_ID: This session…", "invalid_token: This token…"), or a word
 * of a sentence after a colon: no credential, and the words the explainer reads.
 */
export function isProse(name: string, separator: string, value: string): boolean {
  if (!separator.includes(':') || !isWord(value)) return false;
  // A sentence's first word is capitalised; a password of lower-case letters (password: swordfish) stays masked.
  return /^[A-Z]/.test(value) || /^[A-Z]+(?:_[A-Z]+)+$/.test(name) || /^(?:invalid|expired)_/i.test(name);
}

/**
 * More words follow on the line: "INVALID_LOGIN: Invalid username, …", "Basic authentication failed". A word alone
 * at a line's end (SF_PASSWORD: swordfish in a compose file) is a value, however it is written.
 */
export const continuesSentence = (all: string, end: number) =>
  /^[ \t]+[A-Za-z]/.test(all.slice(end, end + 3));

/** "Basic authentication", "OAuth Username": words of a sentence, not a credential (which has digits or symbols). */
export const isWord = (value: string) => /^[A-Za-z][a-z]+(?:-[A-Za-z][a-z]+)*$/.test(value);

/** An error code's shape (invalid_grant, INVALID_SESSION_ID), its colon or not: the first word of an error's words. */
const ERROR_CODE_WORD = new RegExp(`^(?:${ERROR_CODE}):?$`);
export const isErrorCode = (word: string) => ERROR_CODE_WORD.test(word);
