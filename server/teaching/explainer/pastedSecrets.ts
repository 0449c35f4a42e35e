// Masks the secrets a pasted error may hold before anything of it is read or shown again: people paste whole log
// lines, .env files, code and requests, tokens and secrets included. Found by name (client_secret=, SF_CLIENT_SECRET=,
// clientSecret: '…', "access_token": …, Bearer …) and by Salesforce's own shapes (a session id, a refresh token, a
// JWT's signature, a private key).
import { maskValue, SECRET_NAMES } from '../mask.ts';

/**
 * A credential's name: one the wire uses (client_secret, code…), or any identifier ending in a word that names one,
 * however it is written (SF_CLIENT_SECRET, clientSecret, consumer-secret, security_token, sessionId, privateKey).
 */
const NAME = `(?:[\\w.-]*?(?:secret|password|passwd|token|session_?id|private_?key)|${[...SECRET_NAMES].join('|')})`;
/** Not inside a longer identifier: error_code or x_token_type are no credentials. */
const ALONE = (name: string) => `(?<![\\w.-])(${name})(?![\\w-])`;
/** Spaces, not line ends: an empty SF_PASSWORD= in a .env file must not take the next line as its value. */
const SEPARATOR = `([ \\t]*(?:=>|=|:)[ \\t]*)`;
/** name=value, name: value, name => 'value' (a URL, a form, a log line, YAML, code), the value quoted or not. */
const PAIR = new RegExp(
  `${ALONE(NAME)}${SEPARATOR}(?:(["'\`])([^"'\`\\n]+)\\3|([^&\\s"'\`#,;<>)}\\]]+))`,
  'gi',
);
/** "name": "value" in JSON, 'name': 'value' in a Python or Ruby repr. */
const QUOTED = new RegExp(`(["'])(${NAME})\\1(\\s*(?::|=>)\\s*)(["'])([^"'\\n]+)\\4`, 'gi');
const AUTHORIZATION = /\b(Bearer|Basic|OAuth)(\s+)([\w.~+/!=-]{8,})/gi;
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE\s+KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE\s+KEY-----|$)/g;
/** An access token or session id (org id, "!", the rest), a refresh token, a consumer secret's 64 hex digits. */
const SESSION_ID = /\b00D[A-Za-z0-9]{12,15}![\w.]{20,}/g;
const REFRESH_TOKEN = /\b5Aep[\w.]{40,}/g;
const LONG_HEX = /\b[A-Fa-f0-9]{40,}\b/g;
/** A JWT keeps its readable header and claims; its signature goes, as on the flow pages. */
const JWT = /\b(eyJ[\w-]+\.eyJ[\w-]+\.)([\w-]{16,})/g;

/** The text with every secret found masked, and whether any was. */
export function maskPastedSecrets(text: string): { text: string; masked: boolean } {
  const masked = text
    .replace(PRIVATE_KEY, '[a private key, removed here]')
    // First, so that an assertion= or id_token= keeps its readable parts rather than being masked whole.
    .replace(JWT, (_m, readable: string) => `${readable}••••••`)
    .replace(QUOTED, (m, q: string, name: string, sep: string, vq: string, value: string) =>
      isNoSecret(name, value) ? m : `${q}${name}${q}${sep}${vq}${maskValue(value)}${vq}`,
    )
    .replace(PAIR, (m, name: string, sep: string, q = '', quoted?: string, bare?: string) => {
      const value = quoted ?? bare ?? '';
      return isNoSecret(name, value) ? m : `${name}${sep}${q}${maskValue(value)}${q}`;
    })
    .replace(AUTHORIZATION, (m, scheme: string, space: string, value: string) =>
      isNoSecret(scheme, value) || isWord(value) ? m : `${scheme}${space}${maskValue(value)}`,
    )
    .replace(SESSION_ID, (value) => maskValue(value))
    .replace(REFRESH_TOKEN, (value) => maskValue(value))
    .replace(LONG_HEX, (value) => maskValue(value));
  return { text: masked, masked: masked !== text };
}

/** Values that are not secrets, whatever their name: so the paste keeps what it says. */
function isNoSecret(name: string, value: string): boolean {
  if (value.includes('••••••')) return true; // masked already: pasted back, or by an earlier pattern
  if (/^(?:null|undefined|none|nil|true|false|\*+|x+)$/i.test(value)) return true;
  // "code=400", "code: 'ERR_OSSL_UNSUPPORTED'" and "code: ECONNREFUSED" are statuses and error codes, which the
  // explainer reads; an authorization code is long and mixed (aPrx…).
  return name.toLowerCase() === 'code' && /^(?:\d+|[A-Z][A-Z\d_]*)$/.test(value);
}

/** "Basic authentication", "OAuth Username": words of a sentence, not a credential (which has digits or symbols). */
const isWord = (value: string) => /^[A-Za-z][a-z]+(?:-[A-Za-z][a-z]+)*$/.test(value);
