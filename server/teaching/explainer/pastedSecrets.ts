// Masks the secrets a pasted error may hold before anything of it is read or shown again: people paste whole log
// lines, .env files, code and requests, tokens and secrets included. Found by name (client_secret=, SF_CLIENT_SECRET=,
// clientSecret: '…', "access_token": …, Bearer …) and by Salesforce's own shapes (a session id, a refresh token, a
// JWT's signature, a private key).
import { maskValue, SECRET_NAMES } from '../mask.ts';

/**
 * A credential's name: one the wire uses (client_secret, code…), or any identifier ending in a word that names one,
 * however it is written (SF_CLIENT_SECRET, clientSecret, consumer-secret, security_token, sessionId, privateKey);
 * and sid, the cookie a Salesforce session id travels in.
 */
const NAME = `(?:[\\w.-]*?(?:secret|password|passwd|passphrase|pwd|pass|token|session_?id|private_?key|api_?key)|sid|${[...SECRET_NAMES].join('|')})`;
/** Not inside a longer identifier: error_code or x_token_type are no credentials. */
const ALONE = (name: string) => `(?<![\\w.-])(${name})(?![\\w-])`;
/** Spaces, not line ends: an empty SF_PASSWORD= in a .env file must not take the next line as its value. */
const SEPARATOR = `([ \\t]*(?:=>|=|:)[ \\t]*)`;
/** A value in one kind of quote, escaped quotes and all ("it's", "ab\\"c"). */
const inQuotes = (q: string) => String.raw`${q}((?:\\.|[^${q}\\\n])*)${q}`;
const QUOTED_VALUE = `${inQuotes('"')}|${inQuotes("'")}|${inQuotes('`')}`;
/**
 * name=value, name: value, name => 'value' (a URL, a form, a log line, YAML, code), the value quoted or bare: a bare
 * one runs to the next space or &, symbols and all (a password's , # ) < are its own).
 */
const PAIR = new RegExp(`${ALONE(NAME)}${SEPARATOR}(?:${QUOTED_VALUE}|([^&\\s"'\`]+))`, 'gi');
/**
 * "name": "value" in JSON, 'name': 'value' in a Python or Ruby repr, ('name', 'value') in a call. Never a value that
 * is a key itself: in {"error":"invalid_token","error_description":…} the code is no name, the key no secret.
 */
const QUOTED = new RegExp(
  `(["'])(${NAME})\\1(\\s*(?::|=>|,)\\s*)(?:${inQuotes('"')}|${inQuotes("'")})(?!\\s*(?::|=>))`,
  'gi',
);
/** A line of a .env file: the whole value is the secret's, & and all (a URL's pairs are matched by PAIR). */
const ENV_LINE =
  /^([ \t]*(?:export[ \t]+)?[A-Z][A-Z\d_]*(?:SECRET|PASSWORD|PASSWD|PASSPHRASE|PWD|PASS|TOKEN|SESSION_?ID|PRIVATE_?KEY|API_?KEY)=)([^\n]*)/gm;
/** A password inside a URL: redis://user:password@host, force://id:secret:token@host. */
// A scheme starts where no scheme character precedes it: \b would try every word of "a-a-a-…" again (quadratic).
const URL_PASSWORD = /(?<![a-z\d+.-])([a-z][a-z\d+.-]*:\/\/[^\s:/@]*:)([^\s/@]+)@/gi;
/** A scheme's credential, quoted or not; a bare Authorization header's value; curl's -u user:password. */
const AUTHORIZATION = /\b(Bearer|Basic|OAuth)(\s+["']?)([\w.~+/!=-]{8,})/gi;
const BARE_AUTHORIZATION =
  /\b(authorization["']?[ \t]*[:=][ \t]*["']?)(?!(?:Bearer|Basic|OAuth)\s)([\w.~+/!=-]{16,})/gi;
const CURL_USER = /(\s(?:-u|--user)[ \t=]+["']?[^\s:"']+:)([^\s"']+)/g;
/** <password>…</password> in XML (a SOAP login's body). */
const XML_SECRET =
  /<((?:\w+:)?(?:password|client_secret|sessionId|access_token|refresh_token))>([^<]+)<\/\1>/gi;
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE\s+KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE\s+KEY-----|$)/g;
/** An access token or session id (org id, "!", the rest), a refresh token, a consumer secret's 64 hex digits. */
const SESSION_ID = /\b00D[A-Za-z0-9]{12,15}(?:!|%21)[\w.]{20,}/gi;
const REFRESH_TOKEN = /\b5Aep[\w.]{40,}/g;
const LONG_HEX = /\b[A-Fa-f0-9]{40,}\b/g;
/** A JWT keeps its readable header and claims; its signature goes, as on the flow pages. */
// Starting only where no base64url character precedes: \b would try each "eyJ" inside a run again (quadratic).
const JWT = /(?<![\w-])(eyJ[\w-]+\.eyJ[\w-]+\.)([\w-]{16,})/g;

/** The text with every secret found masked, and whether any was. */
export function maskPastedSecrets(text: string): { text: string; masked: boolean } {
  const masked = text
    .replace(PRIVATE_KEY, '[a private key, removed here]')
    // First, so that an assertion= or id_token= keeps its readable parts rather than being masked whole.
    .replace(JWT, (_m, readable: string) => `${readable}••••••`)
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
        const proseGoesOn = continuesSentence(all, at + m.length);
        if (isNoSecret(name, value ?? '') || (q === '' && proseGoesOn && isProse(name, sep, value ?? '')))
          return m;
        return `${name}${sep}${q}${maskValue(value ?? '')}${q}`;
      },
    )
    .replace(AUTHORIZATION, (m, scheme: string, space: string, value: string, at: number, all: string) =>
      isNoSecret(scheme, value) || (isWord(value) && continuesSentence(all, at + m.length))
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

/** Values that are not secrets, whatever their name: so the paste keeps what it says. */
function isNoSecret(name: string, value: string): boolean {
  // Masked already (pasted back, or by an earlier pattern), a key removed whole, or where the code reads it from.
  if (/••••••|^\[a private key|^process\.env\./.test(value)) return true;
  if (/^(?:null|undefined|none|nil|true|false|\*+|x+)$/i.test(value)) return true;
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
