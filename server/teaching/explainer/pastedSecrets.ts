// Masks the secrets a pasted error may hold before anything of it is read or shown again: people paste whole log
// lines, .env files, code and requests, tokens and secrets included. Found by name (client_secret=, SF_CLIENT_SECRET=,
// clientSecret: '…', "access_token": …, Bearer …) and by Salesforce's own shapes (a session id, a refresh token, a
// JWT's signature, a private key).
import { maskValue } from '../mask.ts';
import {
  AUTHORIZATION,
  BARE_AUTHORIZATION,
  CURL_USER,
  ENV_LINE,
  JWT,
  LONG_HEX,
  PAIR,
  PRIVATE_KEY,
  QUOTED,
  REFRESH_TOKEN,
  SESSION_ID,
  URL_PASSWORD,
  XML_SECRET,
  YAML_BLOCK,
} from './pastedSecretPatterns.ts';

/** The text with every secret found masked, and whether any was. */
export function maskPastedSecrets(text: string): { text: string; masked: boolean } {
  const masked = text
    .replace(PRIVATE_KEY, '[a private key, removed here]')
    // First, so that an assertion= or id_token= keeps its readable parts rather than being masked whole.
    .replace(JWT, (_m, readable: string) => `${readable}••••••`)
    .replace(
      YAML_BLOCK,
      (_m, indent: string, key: string, block: string) => `${indent}${key}\n${maskLines(block)}`,
    )
    .replace(ENV_LINE, (m, start: string, rest: string) => {
      const { q, value, end } = envValue(rest);
      return isNoSecret('', value) || value === '' ? m : `${start}${q}${maskValue(value)}${q}${end}`;
    })
    .replace(URL_PASSWORD, (m, start: string, value: string) =>
      isNoSecret('', value) ? m : `${start}${maskValue(value)}@`,
    )
    .replace(QUOTED, (m, q: string, name: string, sep: string, dq?: string, sq?: string) => {
      const [vq, value] = dq !== undefined ? ['"', dq] : ["'", sq ?? ''];
      return isNoSecret(name, value) ? m : `${q}${name}${q}${sep}${vq}${maskValue(value)}${vq}`;
    })
    .replace(
      PAIR,
      (
        m,
        name: string,
        sep: string,
        dq?: string,
        sq?: string,
        bq?: string,
        bare?: string,
        at = 0,
        all = '',
      ) => {
        // The head of a value ENV_LINE masked already ("Pa&s…••••••"): the rest of its four characters and the mask
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
        if (isNoSecret(name, value ?? '') || (q === '' && proseGoesOn && isProse(name, sep, value ?? '')))
          return m;
        return `${name}${sep}${q}${maskValue(value ?? '')}${q}`;
      },
    )
    .replace(AUTHORIZATION, (m, scheme: string, space: string, value: string, at: number, all: string) =>
      isNoSecret(scheme, value) ||
      (isWord(value) && continuesSentence(all, at + m.length)) ||
      // WWW-Authenticate: Bearer error_description="…": a parameter's name, not a credential.
      /^[a-z_]+=/i.test(value)
        ? m
        : `${scheme}${space}${maskValue(value)}`,
    )
    .replace(BARE_AUTHORIZATION, (m, start: string, value: string) =>
      isNoSecret('', value) ? m : `${start}${maskValue(value)}`,
    )
    .replace(CURL_USER, (_m, start: string, value: string) => `${start}${maskValue(value)}`)
    .replace(XML_SECRET, (m, tag: string, value: string) =>
      isNoSecret('', value) ? m : `<${tag}>${maskValue(value)}</${tag}>`,
    )
    .replace(SESSION_ID, (value) => maskValue(value))
    .replace(REFRESH_TOKEN, (value) => maskValue(value))
    .replace(LONG_HEX, (value) => maskValue(value));
  return { text: masked, masked: masked !== text };
}

/**
 * A .env line's value: quoted or bare, trailing blanks kept apart. Taken apart here rather than by the pattern,
 * whose lazy value, followed by trailing blanks, went over a long run of blanks once per character (quadratic).
 */
function envValue(rest: string): { q: string; value: string; end: string } {
  const value = rest.trimEnd();
  const end = rest.slice(value.length);
  const q = /^["']/.exec(value)?.[0] ?? '';
  if (q && value.length > 1 && value.endsWith(q)) return { q, value: value.slice(1, -1), end };
  return { q: '', value, end };
}

/** A block scalar's lines, each masked, indentation and blank lines kept. */
function maskLines(block: string): string {
  return block.replace(/^([ \t]*)(\S[^\n]*?)([ \t]*)$/gm, (m, indent: string, value: string, end: string) =>
    isNoSecret('', value) ? m : `${indent}${maskValue(value)}${end}`,
  );
}

/** Values that are not secrets, whatever their name: so the paste keeps what it says. */
function isNoSecret(name: string, value: string): boolean {
  // Masked already (pasted back, or by an earlier pattern), a key removed whole, or where the code reads it from.
  if (/••••••|^\[a private key|^process\.env\./.test(value)) return true;
  // Empty values, and a state said of a credential ("token: expired"), never one itself.
  if (/^(?:null|undefined|none|nil|true|false|\*+|x+)$/i.test(value)) return true;
  // A YAML block scalar's indicator (password: |): its value is on the lines below (YAML_BLOCK).
  if (/^[|>][1-9]?[+-]?[1-9]?$/.test(value)) return true;
  if (/^(?:expired|invalid|missing|revoked|required|empty|enabled|disabled|redacted|hidden)$/i.test(value))
    return true;
  // "code=400", "code: 'ERR_OSSL_UNSUPPORTED'", "code: ECONNREFUSED" and { code: 'invalid_grant' } are statuses and
  // error codes, which the explainer reads; an authorization code is long and mixed (aPrx…).
  // Digits go only after an underscore (ERR_HTTP2_…): ABCDEFGH1234 could be a code of another server's.
  return name.toLowerCase() === 'code' && /^(?:\d+|[A-Z]+(?:_[A-Z\d]+)*|[a-z]+(?:_[a-z]+)+)$/.test(value);
}

/**
 * An error code and its description ("INVALID_SESSION_ID: This session…", "invalid_token: This token…"), or a word
 * of a sentence after a colon: no credential, and the words the explainer reads.
 */
function isProse(name: string, separator: string, value: string): boolean {
  if (!separator.includes(':') || !isWord(value)) return false;
  // A sentence's first word is capitalised; a password of lower-case letters (password: swordfish) stays masked.
  return /^[A-Z]/.test(value) || /^[A-Z]+(?:_[A-Z]+)+$/.test(name) || /^(?:invalid|expired)_/i.test(name);
}

/**
 * More words follow on the line: "INVALID_LOGIN: Invalid username, …", "Basic authentication failed". A word alone
 * at a line's end (SF_PASSWORD: swordfish in a compose file) is a value, however it is written.
 */
const continuesSentence = (all: string, end: number) => /^[ \t]+[A-Za-z]/.test(all.slice(end, end + 3));

/** "Basic authentication", "OAuth Username": words of a sentence, not a credential (which has digits or symbols). */
const isWord = (value: string) => /^[A-Za-z][a-z]+(?:-[A-Za-z][a-z]+)*$/.test(value);
