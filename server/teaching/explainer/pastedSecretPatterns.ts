// The shapes of the secrets a paste may hold (see pastedSecrets.ts): by name, in every way code, configuration and
// logs write a name and its value, and by Salesforce's own shapes. None may start again at each character of a run.
import { SECRET_NAMES } from '../mask.ts';
/**
 * A credential's name: one the wire uses (client_secret, code…), or any identifier ending in a word that names one,
 * however it is written (SF_CLIENT_SECRET, clientSecret, consumer-secret, security_token, sessionId, privateKey);
 * pass only as a word of its own (SF_PASS, db-pass: not Bypass); and sid, the cookie a session id travels in.
 */
export const NAME = `(?:[\\w.-]*?(?:secret|password|passwd|passphrase|pwd|token|session_?id|private_?key|api[_-]?key)|(?:[\\w.-]*[_.-])?pass|sid|${[...SECRET_NAMES].join('|')})`;
/** Not inside a longer identifier: error_code or x_token_type are no credentials. */
const ALONE = (name: string) => `(?<![\\w.-])(${name})(?![\\w-])`;
/** Spaces, not line ends: an empty SF_PASSWORD= in a .env file must not take the next line as its value. */
const SEPARATOR = `([ \\t]*(?:=>|=|::?)[ \\t]*)`;
/** A value in one kind of quote, escaped quotes and all ("it's", "ab\\"c"). */
const inQuotes = (q: string) => String.raw`${q}((?:\\.|[^${q}\\\n])*)${q}`;
const QUOTED_VALUE = `${inQuotes('"')}|${inQuotes("'")}|${inQuotes('`')}`;
/**
 * A connection string's separator (CData's and JDBC drivers' User=…;Password=…;Security Token=…;): a ; before the
 * next key, whose name may have words and spaces. Bounded, so a run of ; is read linearly.
 */
export const NEXT_KEY = String.raw`;(?=[ \t]*[A-Za-z][\w .-]{0,40}=)`;
/**
 * The same, a string's last ; (before a blank), or a comma and blanks before the next key (a Java toString's
 * password=…, authEndpoint=…): a bare value's end. A password's own commas and semicolons stay its own.
 */
const VALUE_END = String.raw`${NEXT_KEY}|;(?=[\s;]|$)|,(?=[ \t]+[A-Za-z][\w.-]{0,40}=)`;
/**
 * After = (a connection string, a toString, a form), a bare value ends at a separator before the next key. The look
 * back is bounded: unbounded, each blank a failed match gives back would be looked over again (quadratic).
 */
const BARE_AFTER_EQUALS = `(?<==[ \\t]{0,8})(?:[^&\\s"'\`;,]|(?!${VALUE_END})[;,])+`;
/** After :, => or :: (YAML, a log, a hash), no key follows in the same value: a ; or , there is the secret's own. */
const BARE_AFTER_OTHER = `(?<!=[ \\t]{0,8})[^&\\s"'\`]+`;
/**
 * name=value, name: value, name => 'value' (a URL, a form, a log line, YAML, code), the value quoted or bare: a bare
 * one runs to the next space, & or connection-string separator, symbols and all (a password's , # ) < ; are its own).
 */
export const PAIR = new RegExp(
  `${ALONE(NAME)}${SEPARATOR}(?:${QUOTED_VALUE}|(${BARE_AFTER_EQUALS}|${BARE_AFTER_OTHER}))`,
  'gi',
);
/**
 * "name": "value" in JSON, 'name': 'value' in a Python or Ruby repr, ('name', 'value') in a call, "name": {"value"}
 * in Go's url.Values. Never a value that is a key itself: in {"error":"invalid_token","error_description":…} the code
 * is no name, the key no secret; nor a credential's name with a literal after it (Map.of("grant_type", "password",
 * "password", "…")): the pair starts at it.
 */
export const QUOTED = new RegExp(
  `(["'])(${NAME})\\1(\\s*(?::|=>|,)\\s*(?:\\{\\s*)?)(?!["']${NAME}["']\\s*,\\s*["'])(?:${inQuotes('"')}|${inQuotes("'")})(?!\\s*(?::|=>))`,
  'gi',
);
/**
 * A literal joined (+, PHP's .) onto a value masked already: a Salesforce password's security token, written as
 * "password": "…" + "<token>". Each joined literal is masked in turn (see JOINED_PART).
 */
export const JOINED_LITERAL = new RegExp(
  `(••••••(?: \\(\\d+ chars\\))?["'\`])((?:\\s*[+.]\\s*(?:${QUOTED_VALUE}))+)`,
  'g',
);
export const JOINED_PART = new RegExp(`(\\s*[+.]\\s*)(?:${QUOTED_VALUE})`, 'g');
/**
 * A YAML block scalar under a credential's name (password: |, client_secret: >-): the value is the more indented
 * lines below the key's, blank lines among them. Tried at line starts only, each line taken once.
 */
export const YAML_BLOCK = new RegExp(
  `^([ \\t]*)((?:- +)?["']?${NAME}["']?[ \\t]*:[ \\t]*[|>][1-9]?[+-]?[1-9]?[ \\t]*(?:#[^\\n]*)?)\\n((?:(?:\\1[ \\t]+[^\\n]*|[ \\t]*)(?:\\n|$))*)`,
  'gim',
);
/**
 * A setting's name as .env files and CI variables write it, with a suffix after the word or not (SF_PASSWORD_PROD,
 * SF_CLIENT_SECRET_2): not one that says where or what kind (SF_TOKEN_URL, SF_PRIVATE_KEY_FILE, TOKEN_TYPE).
 */
const NOT_A_SECRET_SUFFIX = new Set(
  'URL URI ENDPOINT HOST PORT FILE PATH DIR TYPE FORMAT ALG ALGORITHM HEADER POLICY SCOPE SCOPES EXPIRES EXPIRY TTL LIFETIME TIMEOUT LENGTH ENABLED REQUIRED'.split(
    ' ',
  ),
);
const SECRET_WORD = /(?:SECRET|PASSWORD|PASSWD|PASSPHRASE|PWD|PASS|TOKEN|SESSION_?ID|PRIVATE_?KEY|API_?KEY)$/;
/**
 * Whether an upper-case setting's name is a credential's: its last words, suffixes aside, name one. Read from the
 * end in code: a pattern with a lazy head and repeated suffixes took a name of many words quadratically.
 */
export function envSecretName(name: string, suffixRequired = false): boolean {
  const words = name.split('_');
  for (let end = name.length, i = words.length - 1, suffixes = 0; i >= 0; i--, suffixes++) {
    if ((suffixes > 0 || !suffixRequired) && SECRET_WORD.test(name.slice(Math.max(0, end - 12), end)))
      return true;
    if (words[i] === '' || NOT_A_SECRET_SUFFIX.has(words[i])) return false;
    end -= words[i].length + 1;
  }
  return false;
}
/** An upper-case setting's name, whole: envSecretName says whether it is a credential's. */
export const SETTING = '[A-Z][A-Z\\d_]*';
/** A line of a .env file: the whole value is the secret's, & and all (a URL's pairs are matched by PAIR). */
export const ENV_LINE = new RegExp(`^([ \\t]*(?:export[ \\t]+)?)(${SETTING})=([^\\n]*)`, 'gm');
/**
 * A .env line's value: quoted or bare, trailing blanks kept apart. Taken apart here rather than by the pattern,
 * whose lazy value, followed by trailing blanks, went over a long run of blanks once per character (quadratic).
 */
export function envValue(rest: string): { q: string; value: string; end: string } {
  const value = rest.trimEnd();
  const end = rest.slice(value.length);
  const q = /^["']/.exec(value)?.[0] ?? '';
  if (q && value.length > 1 && value.endsWith(q)) return { q, value: value.slice(1, -1), end };
  return { q: '', value, end };
}

/**
 * A password inside a URL: redis://user:password@host, force://id:secret:token@host, and force://id::token@host
 * (no secret), whose colons stay: the value starts at its first other character, so the split is one way only.
 */
// A scheme starts where no scheme character precedes it: \b would try every word of "a-a-a-…" again (quadratic).
export const URL_PASSWORD = /(?<![a-z\d+.-])([a-z][a-z\d+.-]*:\/\/[^\s:/@]*:+)([^\s/@:][^\s/@]*)@/gi;
/** A scheme's credential, quoted or not; a bare Authorization header's value; curl's -u user:password. */
export const AUTHORIZATION = /\b(Bearer|Basic|OAuth)(\s+["']?)([\w.~+/!=%-]{8,})/gi;
export const BARE_AUTHORIZATION =
  /\b(authorization["']?[ \t]*[:=][ \t]*["']?)(?!(?:Bearer|Basic|OAuth)\s)([\w.~+/!=%-]{16,})/gi;
// At the paste's start too: a curl command's flags pasted without the command.
export const CURL_USER = /((?:^|\s)(?:-u|--user)[ \t=]+["']?[^\s:"']+:)([^\s"']+)/g;
/** <password>…</password> in XML (a SOAP login's body), <clientSecret xsi:type="…">…</clientSecret> in others. */
export const XML_SECRET =
  /(<((?:\w+:)?\w*?(?:password|secret|sessionId|access_token|refresh_token))(?:\s[^<>\n]*)?>)([^<]+)(<\/\2>)/gi;
export const PRIVATE_KEY =
  /-----BEGIN [A-Z ]*PRIVATE\s+KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE\s+KEY-----|$)/g;
/** An access token or session id (org id, "!", the rest), a refresh token, a consumer secret's 64 hex digits. */
// No \b before it: after %20 (Bearer%2000D…) a digit precedes.
export const SESSION_ID = /00D[A-Za-z0-9]{12,15}(?:!|%21)[\w.]{20,}/gi;
export const REFRESH_TOKEN = /\b5Aep[\w.]{40,}/g;
export const LONG_HEX = /\b[A-Fa-f0-9]{40,}\b/g;
/** A JWT keeps its readable header and claims; its signature goes, as on the flow pages. */
// Starting only where no base64url character precedes: \b would try each "eyJ" inside a run again (quadratic).
export const JWT = /(?<![\w-])(eyJ[\w-]+\.eyJ[\w-]+\.)([\w-]{16,})/g;

/** A table row's name as the Salesforce CLI writes it (sf org display user lists the password): title case words. */
const ROW_NAME = '(?:Password|Access Token|Refresh Token|Client Secret|Consumer Secret|Security Token)';
/**
 * Credentials as tools print them back, with no name=value to find them by; groups as NAMED_ELSEWHERE's. A CLI table's
 * row, "Password      k5!vhgx…" (two or more blanks between the columns) or "│ Password     │ k5!vhgx… │", at a
 * row's start and never a word followed by more ("Password  is required": a sentence); and sf org generate
 * password's sentence, Successfully set the password "…" for user ….
 */
export const TOOL_OUTPUTS: RegExp[] = [
  new RegExp(
    String.raw`^(?<head>[ \t]*(?:│[ \t]*)?${ROW_NAME}(?:[ \t]{2,}|[ \t]*│[ \t]*))(?<value>(?![A-Za-z][a-z]*[ \t]+[A-Za-z])[^\s│]+)(?<tail>)`,
    'gm',
  ),
  /(?<head>\bset the password ")(?<value>[^"\n]+)(?<tail>" for user\b)/g,
];
