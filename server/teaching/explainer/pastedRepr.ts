// A Salesforce error body as Python, Ruby or Node print it rather than as JSON: a repr's quotes and escapes, read back;
// or as a logger or a YAML dump writes it, one unquoted key: value a line; or as iOS prints an NSError and Rust a
// struct ({:?}).
import { ERROR_CODE, withDescription } from './pastedDescription.ts';
import type { PastedError } from './types.ts';

/** A string in a Python or Ruby repr, in either quote, with its escapes. */
const REPR_STRING = String.raw`'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"`;
/**
 * The name quoted (a repr, a Ruby hash) or bare (Node's console.log of an object, a Java toString, Python keyword
 * arguments), never the end of a longer one.
 */
const reprValue = (input: string, name: string) => {
  const match = new RegExp(`(?<![\\w$-])(['"]?)${name}\\1\\s*(?::|=>|=)\\s*(?:${REPR_STRING})`).exec(input);
  return match ? unescape(match[2] ?? match[3]) : undefined;
};
/**
 * A repr's escapes read back: n and t as the line break and tab they stand for (a SOQL message's lines keep them),
 * any other escaped character as itself.
 */
const ESCAPED: Record<string, string> = { n: '\n', t: '\t', r: '' };
const unescape = (text: string) => text.replace(/\\(.)/g, (_m, char: string) => ESCAPED[char] ?? char);

/**
 * A body printed by Python or Ruby rather than sent as JSON: simple_salesforce's "Response content: [{'message':
 * '…', 'errorCode': '…'}]", requests' r.json(), a Ruby hash's "error" => "…", Node's { error: 'invalid_grant', … }
 * (openid-client's and axios's errors logged whole).
 */
export function fromRepr(input: string): PastedError | undefined {
  for (const [code, description] of [
    ['error', 'error_description'],
    ['errorCode', 'message'],
    ['statusCode', 'message'],
    // Salesforce's Java client (WSC): [LoginFault [ApiFault exceptionCode='INVALID_LOGIN' exceptionMessage='…']].
    ['exceptionCode', 'exceptionMessage'],
  ]) {
    const error = reprValue(input, code);
    if (error) return withDescription(error, wscMessage(input, description) ?? reprValue(input, description));
  }
  return undefined;
}

/**
 * WSC's exceptionMessage='…', which it prints unescaped: quotes inside (sObject type 'Foo__c'), a SOQL message's
 * lines. It ends at the quote that the next field (extendedErrorDetails='…', row='1') or the fault's ] follows.
 * Searched once from the first exceptionMessage=' (a lazy pattern would go to the end again from each one).
 */
function wscMessage(input: string, name: string): string | undefined {
  const start = name === 'exceptionMessage' ? input.indexOf("exceptionMessage='") : -1;
  if (start === -1) return undefined;
  const rest = input.slice(start + "exceptionMessage='".length);
  const end = rest.search(/'(?=\s*(?:[A-Za-z]\w*=|\]|$))/);
  if (end === -1) return undefined;
  const message = rest.slice(0, end);
  // A SOQL message keeps its lines (the query, the caret under it); any other was only wrapped where it was copied.
  return /\nERROR at Row:\d+:Column:\d+/.test(message)
    ? message.replace(/^[ \t]*\n/, '')
    : message.replace(/[ \t]*\n\s*/g, ' ');
}

const ERROR_LINE = new RegExp(`^[ \\t-]*error[ \\t]*:[ \\t]*(${ERROR_CODE})[ \\t]*$`, 'm');
/** error: invalid_grant / error_description: audience is invalid, each on its own line (a logger's, a YAML dump). */
export function fromKeyLines(input: string): PastedError | undefined {
  const error = ERROR_LINE.exec(input)?.[1];
  const description = /^[ \t-]*(?:error_description|message)[ \t]*:[ \t]*([^\n]+)$/m.exec(input)?.[1];
  return error ? withDescription(error, description?.trim()) : undefined;
}

/**
 * An NSError as iOS prints it (the Mobile SDK's com.salesforce.OAuth.ErrorDomain, AppAuth's): its userInfo holds
 * error=invalid_grant and the words unquoted, each up to the next comma or brace. The words are error_description's,
 * or else NSLocalizedDescription's (which the SDK prefixes with its domain: the known words are found inside).
 */
export function fromNsError(input: string): PastedError | undefined {
  if (!input.includes('UserInfo=')) return undefined;
  const error = new RegExp(`[{,]\\s*error=(${ERROR_CODE})\\s*[,}]`).exec(input)?.[1];
  if (!error) return undefined;
  const said = (key: string) => new RegExp(`[{,]\\s*${key}=([^,{}\\n]+)`).exec(input)?.[1]?.trim();
  return withDescription(error, said('error_description') ?? said('NSLocalizedDescription'));
}

/**
 * The Rust oauth2 crate's answer printed with {:?} (an unwrap's panic): StandardErrorResponse { error: InvalidGrant,
 * error_description: Some("…"), … }, the code as its enum's variant, or Extension("…") for one the crate does not name.
 */
export function fromRustDebug(input: string): PastedError | undefined {
  const found =
    /\bStandardErrorResponse\s*\{\s*error:\s*(?:Extension\("([^"\\\n]+)"\)|([A-Z][A-Za-z]{0,60}))/.exec(
      input,
    );
  if (!found) return undefined;
  const error = found[1] ?? found[2].replace(/(?!^)[A-Z]/g, (letter) => `_${letter}`).toLowerCase();
  const said = /\berror_description:\s*Some\("((?:[^"\\\n]|\\.)*)"\)/.exec(input)?.[1];
  return withDescription(error, said === undefined ? undefined : unescape(said));
}
