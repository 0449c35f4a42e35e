// An error code and its words on one line, as command-line tools and loggers print them: "invalid_grant: …",
// "invalid_grant::…", "HTTP 400 invalid_grant - …", openid-client's "invalid_grant (…)", OmniAuth's
// "invalid_credentials: OAuth2::Error, invalid_grant: …".
import { isMaskedValue } from '../mask.ts';
import { ERROR_CODE, withDescription } from './pastedDescription.ts';
import type { PastedError } from './types.ts';

// openid-client's (and next-auth's) "invalid_grant (expired authorization code)": words in brackets at a line's end,
// never a stack frame's place (process_response (/app/x.js:38:13), handle_error (node:internal/…)).
const CLI_LINE = new RegExp(
  `\\b(${ERROR_CODE})(?:\\s*(?:::?|\\s-\\s)\\s*([^\\n]+)| \\((?![\\w.-]+[/\\\\:])([A-Za-z][^()\\n]*)\\)(?=[ \\t]*(?:$|\\n|[{,'"]|\\s+at\\s)))`,
  'g',
);
/** Python's oauthlib: InvalidClientIdError: (invalid_client_id) client identifier invalid. */
const OAUTHLIB = new RegExp(`\\((${ERROR_CODE})\\)[ \\t]+([^\\s][^\\n]*)`);
/** Spring Security's OAuth2Error as its exceptions print it: [invalid_grant] expired authorization code. */
const SPRING = new RegExp(`\\[(${ERROR_CODE})\\][ \\t]+([^\\s][^\\n]*)`);
/**
 * Spring Security's own codes, never Salesforce's: its checks of the callback (state, nonce, id_token claims, a
 * redirect_uri) and a call whose answer it could not read as OAuth's (the status and body, if any, follow).
 */
export const SPRING_OWN =
  /^(?:invalid_(?:token_response|user_info_response|id_token|nonce|state_parameter|redirect_uri_parameter)|authorization_request_not_found|client_registration_not_found)$/;
/**
 * "invalid_grant: authentication failure", "invalid_grant::authentication failure", "HTTP 400 invalid_grant - ...",
 * "invalid_grant (authentication failure)".
 */
export function fromCliLine(input: string, unwrap = true): PastedError | undefined {
  const match = [...input.matchAll(CLI_LINE)].find(
    (found) =>
      !isSetting(found[1], found[2] ?? found[3]) &&
      !isKeyOfCode(found[1], found[2] ?? found[3]) &&
      !isCut(found[3]) &&
      !isFilePlace(input, found.index, found[2]),
  );
  if (!match || match.index === undefined) {
    const bracketed = [OAUTHLIB.exec(input), SPRING.exec(input)].find((m) => m && !SPRING_OWN.test(m[1]));
    return bracketed ? withDescription(bracketed[1], bracketed[2].trim()) : undefined;
  }
  if (match[3] !== undefined) return withDescription(match[1], match[3].trim());
  const wrapped = unwrap ? omniAuth(match[2]) : undefined;
  if (wrapped) return wrapped;
  // A SOQL error's message is several lines (the query, a caret, "ERROR at Row:…", what was wrong): all of it.
  const soql = /^[ \t]*\n([\s\S]*?ERROR at Row:\d+:Column:\d+[ \t]*\n[^\n]+)/.exec(
    input.slice(match.index + match[1].length).replace(/^\s*:+/, ''),
  );
  return withDescription(match[1], soql ? soql[1] : match[2].trim());
}

/**
 * A key of the code pasted above an error (client_id: '…' in a JavaScript object or a Ruby call, grant_type: '…',
 * api_version: ENV['…']): a request's parameter with its value, which no error's words start with.
 */
const isKeyOfCode = (name: string, said: string) =>
  /^["'`]/.test(said) ||
  /^(?:client_(?:id|secret)|grant_type|redirect_uri|security_token|(?:access|refresh|id)_token|api_version|instance_url|login_url|response_type|code_(?:verifier|challenge(?:_method)?)|token_type|issued_at)$/i.test(
    name,
  );

/**
 * A stack frame's file and line (node:internal/process/task_queues:95:5, /app/get_token.js:12:7): a file's name after
 * a slash, or a name followed by line and column, is no code.
 */
const isFilePlace = (input: string, index: number | undefined, said?: string) =>
  /[/\\]$/.test(input.slice(0, index)) || /^\d+(?::\d+)?\)?$/.test(said ?? '');

/** PHP Guzzle's mark where it cut a body (at 120 characters): the word before it is a cut one, no code. */
export const GUZZLE_CUT = ' (truncated...)';
const isCut = (inBrackets?: string) => inBrackets === 'truncated...';

/** A setting pasted with its value (SF_PASSWORD: …, in YAML), never an error code and its description. */
export const isSetting = (name: string, value: string) => /^SF_/.test(name) || isMaskedValue(value);

/** OmniAuth's failure key, never Salesforce's: its own name for a token call that failed. */
export const OMNIAUTH_OWN = 'invalid_credentials';
/**
 * OmniAuth's "Authentication failure! <key>: <class>, <message>": the message is what Salesforce said, the key is
 * OmniAuth's (invalid_credentials for a token call refused). A callback's error reads "code | description".
 */
function omniAuth(said: string): PastedError | undefined {
  const message = /^[A-Z]\w*(?:::[A-Z]\w*)*, (.+)$/.exec(said)?.[1];
  if (!message) return undefined;
  const callback = new RegExp(`^(${ERROR_CODE}) \\| ([^|\\n]+)`).exec(message);
  if (callback) return withDescription(callback[1], callback[2].trim());
  // A refusal in plain text, whose body is then the whole message: omniauth-salesforce's call to the identity URL
  // after the token (its raw_info) refused with Bad_OAuth_Token (wire reference: identity with a bad token).
  const plain = /^(Bad_OAuth_Token|Bad_Id)\s*$/.exec(message);
  if (plain) return { error: plain[1] };
  // One level only: a message wrapping another again and again would be read over once per level (quadratic).
  return fromCliLine(message, false);
}

/**
 * Apex's System.CalloutException when a Named Credential's JWT bearer exchange is refused: "Unable to complete the
 * JWT token exchange." then "Error: <code>. Error description: <words>." Observed in a public troubleshooting note
 * (Apex's runtime has no public source; Salesforce's docs give no message). Its closing full stop is Apex's.
 */
const APEX_EXCHANGE = new RegExp(
  `\\bError: (${ERROR_CODE})\\. Error description: ([^\\n]*?)\\.?[ \\t]*$`,
  'm',
);
export function fromApexExchange(input: string): PastedError | undefined {
  const match = APEX_EXCHANGE.exec(input);
  return match ? withDescription(match[1], match[2]) : undefined;
}
