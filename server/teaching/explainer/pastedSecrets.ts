// Masks the secrets a pasted error may hold before anything of it is read or shown again: people paste whole log
// lines and requests, tokens and secrets included. Found by name (client_secret=, "access_token": …, Bearer …) and
// by Salesforce's own shapes (a session id, a refresh token, a JWT's signature, a private key).
import { maskValue, SECRET_NAMES } from '../mask.ts';

const NAMES = [...SECRET_NAMES].join('|');
/** name=value in a URL, a form or a log line, the value quoted or not. */
const PAIR = new RegExp(`\\b(${NAMES})(\\s*=\\s*)("?)([^&\\s"'#,;<>]+)`, 'gi');
/** "name": "value" in JSON, 'name': 'value' in a Python or Ruby repr. */
const QUOTED = new RegExp(`(["'])(${NAMES})\\1(\\s*(?::|=>)\\s*)(["'])([^"']+)\\4`, 'gi');
const AUTHORIZATION = /\b(Bearer|Basic|OAuth)(\s+)([\w.~+/!=-]{8,})/g;
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
    .replace(QUOTED, (_m, q: string, name: string, sep: string, vq: string, value: string) =>
      isMasked(value) ? _m : `${q}${name}${q}${sep}${vq}${maskValue(value)}${vq}`,
    )
    .replace(PAIR, (_m, name: string, sep: string, q: string, value: string) =>
      isMasked(value) ? _m : `${name}${sep}${q}${maskValue(value)}`,
    )
    .replace(AUTHORIZATION, (_m, scheme: string, space: string, value: string) =>
      isMasked(value) ? _m : `${scheme}${space}${maskValue(value)}`,
    )
    .replace(SESSION_ID, (value) => maskValue(value))
    .replace(REFRESH_TOKEN, (value) => maskValue(value))
    .replace(LONG_HEX, (value) => maskValue(value));
  return { text: masked, masked: masked !== text };
}

/** Already masked (a masked value pasted back, or masked by an earlier pattern): left as it is. */
const isMasked = (value: string) => value.includes('••••••');
