// More shapes a credential takes in a paste (see pastedSecretPatterns.ts for the common ones): where its name is a
// value of its own (Postman, HAR, .NET and Spring XML), JSON escaped inside a log line's JSON, a name without = or :
// (a command's flag, .netrc), a setting's name with a suffix, a YAML value of several words. Each has the groups
// head (kept), value (masked) and tail (kept, often empty).
import { NAME, SUFFIXED_ENV_NAME } from './pastedSecretPatterns.ts';

const SEPARATOR = String.raw`[ \t]*(?:=>|=|::?)[ \t]*`;

/** Shapes whose value is masked unless it is no secret (masked already, empty, where the code reads it from). */
export const NAMED_ELSEWHERE: RegExp[] = [
  // {"key": "client_secret", "value": "…"} (a Postman environment), {"name": "password", "value": "…"} (a HAR file).
  new RegExp(
    String.raw`(?<head>"(?:key|name)"\s*:\s*"${NAME}"\s*,\s*"value"\s*:\s*")(?<value>(?:\\.|[^"\\\n])*)(?<tail>")`,
    'gi',
  ),
  // <add key="SalesforceClientSecret" value="…"/> (.NET), <property name="password" value="…"/> (Spring).
  new RegExp(
    String.raw`(?<head>\b(?:key|name)\s*=\s*["']${NAME}["']\s+value\s*=\s*["'])(?<value>[^"'\n]*)(?<tail>["'])`,
    'gi',
  ),
  // {"body":"{\"client_secret\":\"…\"}"}: a request's JSON logged as a string inside the log line's JSON.
  new RegExp(String.raw`(?<head>\\"${NAME}\\"\s*:\s*\\")(?<value>(?:[^\\\n]|\\[^"\n])*)(?<tail>\\")`, 'gi'),
  // .netrc: machine login.salesforce.com login me@x.com password …
  /(?<head>\bmachine[ \t]+\S+(?:[ \t]+login[ \t]+\S+)?[ \t]+password[ \t]+)(?<value>\S+)(?<tail>)/gi,
  // jsforce: conn.login('me@example.com', 'password and token').
  /(?<head>\.login\(\s*(?:["'`][^"'`\n]*["'`]|[\w.$]+)\s*,\s*["'`])(?<value>[^"'`\n]+)(?<tail>["'`])/g,
  // curl --data-urlencode 'password=pass word&more': everything up to the quote is the value.
  new RegExp(
    String.raw`(?<head>--data-urlencode[ \t]+(?<q>["'])${NAME}=)(?<value>(?:(?!\k<q>)[^\n])*)(?<tail>\k<q>)`,
    'gi',
  ),
  // SF_CLIENT_SECRET_PROD: …, SF_PASSWORD_2=… anywhere on a line (a compose file, a CI log); at a line's start
  // ENV_LINE has them. Upper case only: password_hash or token_type in code are other things.
  new RegExp(
    String.raw`(?<head>(?<![\w.-])${SUFFIXED_ENV_NAME}${SEPARATOR}(?<q>["'\`]?))(?<value>[^\s"'\`&]+)(?<tail>\k<q>)`,
    'g',
  ),
];

/** A command's flag and its value after a space: --client-secret …, --password "…", curl's --oauth2-bearer …. */
export const FLAG = new RegExp(
  String.raw`(?<head>(?<![\w-])--?[\w-]*?(?:secret|password|passwd|passphrase|token|pwd|pass|api-?key|bearer)[ \t]+(?<q>["']?))(?<value>[^\s"'-][^\s"']*)(?<tail>\k<q>)`,
  'gi',
);

/**
 * A YAML key's plain value, which runs to the line's end or a comment (password: correct horse battery staple):
 * a bare value elsewhere ends at a space. Quoted and block values have shapes of their own.
 */
export const YAML_LINE = new RegExp(
  String.raw`^(?<head>[ \t]*(?:- +)?(?<name>${NAME})(?<sep>[ \t]*:[ \t]+))(?<value>[^\s|>"'\`#][^\n]*)`,
  'gim',
);

/** A YAML line's value and what follows it: a comment (after a blank and #) and trailing blanks are no part of it. */
export function yamlValue(rest: string): { value: string; tail: string } {
  const comment = [rest.indexOf(' #'), rest.indexOf('\t#')].filter((at) => at !== -1);
  const end = comment.length > 0 ? Math.min(...comment) : rest.length;
  const value = rest.slice(0, end).trimEnd();
  return { value, tail: rest.slice(value.length) };
}
