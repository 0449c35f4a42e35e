// More shapes a credential takes in a paste (see pastedSecretPatterns.ts for the common ones): where its name is a
// value of its own (Postman, HAR, .NET and Spring XML), JSON escaped inside a log line's JSON, a name without = or :
// (a command's flag, .netrc), a setting's name with a suffix, a YAML value of several words, a call's positional
// argument. Each has the groups head (kept), value (masked) and tail (kept, often empty); a setting's name, when it
// has one (see envSecretName).
import { maskValue } from '../mask.ts';
import { NAME, NEXT_KEY, SETTING } from './pastedSecretPatterns.ts';
import { isNoSecret } from './pastedSecretValues.ts';

const SEPARATOR = String.raw`[ \t]*(?:=>|=|::?)[ \t]*`;
const LITERAL_ARG = String.raw`"[^"\n]*"|'[^'\n]*'|\`[^\`\n]*\``;

/** Shapes whose value is masked unless it is no secret (masked already, empty, where the code reads it from). */
export const NAMED_ELSEWHERE: RegExp[] = [
  // {"key": "client_secret", "value": "…"} (a Postman environment), {"name": "password", "value": "…"} (a HAR file),
  // other keys between them or not, and the value first. Within one object, over lines too: both tools save their
  // files pretty-printed, a key a line.
  new RegExp(
    String.raw`(?<head>"(?:key|name)"\s*:\s*"${NAME}"[^{}]{0,200}?"value"\s*:\s*")(?<value>(?:\\.|[^"\\\n])*)(?<tail>")`,
    'gi',
  ),
  new RegExp(
    String.raw`(?<head>"value"\s*:\s*")(?<value>(?:\\.|[^"\\\n])*)(?<tail>"[^{}]{0,200}?"(?:key|name)"\s*:\s*"${NAME}")`,
    'gi',
  ),
  // <add key="SalesforceClientSecret" value="…"/> (.NET, Salesforce:ClientSecret too), <property name="password"
  // value="…"/> (Spring), the value first or not; <entry key="sf.password">…</entry>.
  new RegExp(
    String.raw`(?<head>\b(?:key|name)\s*=\s*["'](?:[\w.-]*:)?${NAME}["']\s+value\s*=\s*["'])(?<value>[^"'\n]*)(?<tail>["'])`,
    'gi',
  ),
  new RegExp(
    String.raw`(?<head>\bvalue\s*=\s*["'])(?<value>[^"'\n]*)(?<tail>["']\s+(?:key|name)\s*=\s*["'](?:[\w.-]*:)?${NAME}["'])`,
    'gi',
  ),
  new RegExp(
    String.raw`(?<head><entry\s+key\s*=\s*["'](?:[\w.-]*:)?${NAME}["']\s*>)(?<value>[^<\n]+)(?<tail><\/entry>)`,
    'gi',
  ),
  // Kubernetes and compose lists: - name: SF_PASSWORD, then value: … on the next line.
  new RegExp(
    String.raw`(?<head>\bname:[ \t]*["']?${NAME}["']?[ \t]*\n[ \t]*value:[ \t]*(?<q>["']?))(?<value>[^"'\s][^"'\n]*)(?<tail>\k<q>)`,
    'gi',
  ),
  // {"body":"{\"client_secret\":\"…\"}"}: a request's JSON logged as a string inside the log line's JSON.
  new RegExp(String.raw`(?<head>\\"${NAME}\\"\s*:\s*\\")(?<value>(?:[^\\\n]|\\[^"\n])*)(?<tail>\\")`, 'gi'),
  // A fallback after the setting it stands in for: process.env.SF_CLIENT_SECRET || '…' (?? too).
  new RegExp(
    String.raw`(?<head>\bprocess\.env(?:\.${NAME}|\[\s*["'\`]${NAME}["'\`]\s*\])\s*(?:\|\||\?\?)\s*(?<q>["'\`]))(?<value>[^"'\`\n]+)(?<tail>\k<q>)`,
    'gi',
  ),
  // Positional credentials: Go's conf.PasswordCredentialsToken(ctx, "user", "password") and authlib's
  // OAuth2Session('<consumer key>', '<secret>', …) (AsyncOAuth2Client and OAuth2Client alike). A literal only: a
  // name there is a variable's, and requests-oauthlib's OAuth2Session(client_id, client) takes no secret second.
  new RegExp(
    String.raw`(?<head>(?:\.PasswordCredentialsToken\(\s*[\w.]+\s*,|\b(?:OAuth2Session|(?:Async)?OAuth2Client)\()\s*(?:${LITERAL_ARG}|[\w.]+)\s*,\s*(?<q>["'\`]))(?<value>[^"'\`\n]+)(?<tail>\k<q>)`,
    'g',
  ),
  // .netrc: machine login.salesforce.com login me@x.com password …
  /(?<head>\b(?:machine\s+\S+|default)(?:\s+login\s+\S+)?\s+password\s+)(?<value>\S+)(?<tail>)/gi,
  // curl --data-urlencode 'password=pass word&more': everything up to the quote is the value.
  new RegExp(
    String.raw`(?<head>--data-urlencode[ \t]+(?<q>["'])${NAME}=)(?<value>(?:(?!\k<q>)[^\n])*)(?<tail>\k<q>)`,
    'gi',
  ),
  // SF_CLIENT_SECRET_PROD: …, SF_PASSWORD_2=… anywhere on a line (a compose file, a CI log); at a line's start
  // ENV_LINE has them. Upper case only: password_hash or token_type in code are other things.
  new RegExp(
    String.raw`(?<head>(?<![\w.-])(?<setting>${SETTING})${SEPARATOR}(?<q>["'\`]?))(?<value>[^\s"'\`&]+)(?<tail>\k<q>)`,
    'g',
  ),
];

/** A command's flag and its value after a space: --client-secret …, --password "…", curl's --oauth2-bearer …. */
export const FLAG = new RegExp(
  String.raw`(?<head>(?<![\w-])--?[\w-]*?(?:secret|password|passwd|passphrase|token|pwd|pass|api-?key|bearer)[ \t]+(?<q>["']?))(?<value>(?<=["'])[^"'\n]+|[^\s"'-][^\s"']*)(?<tail>\k<q>)`,
  'gi',
);

/**
 * A YAML key's plain value, which runs to the line's end or a comment (password: correct horse battery staple), as
 * a .properties or INI line's does (a.password = two words): a bare value elsewhere ends at a space. Quoted and
 * block values have shapes of their own.
 */
export const YAML_LINE = new RegExp(
  String.raw`^(?<head>[ \t]*(?:- +)?(?<name>${NAME})(?<sep>[ \t]*:[ \t]+|[ \t]*=[ \t]*))(?<value>[^\s|>"'\`#][^\n]*)`,
  'gim',
);

/**
 * jsforce's conn.login('me@example.com', 'password' + 'TOKEN'), HTTP Basic as Python's requests writes it for
 * client credentials (auth=('<consumer key>', '<secret>'), HTTPBasicAuth(…)), and the .NET toolkit's
 * UsernamePasswordAsync(key, secret, username, password, endpoint): every literal after the first argument is the
 * password's, token's or secret's, but a URL (literals: the one in a variable is no paste's secret).
 */
export const LOGIN_CALL =
  /((?:\.login\(|\bauth\s*=\s*\(|\bHTTP(?:Basic|Digest)Auth\(|\.UsernamePassword(?:Async)?\()\s*(?:["'`][^"'`\n]*["'`]|[\w.$]+)\s*,)([^)\n]*)/g;
export const LITERAL = /(["'`])([^"'`\n]+)\1/g;

/** An argument's part: a literal, or a name (a variable, a constant) whose value is no paste's secret. */
const PART = String.raw`["'\`][^"'\`\n]*["'\`]|[\w.$]+`;

/**
 * A setter's or builder's first argument: .setClientSecret("…"), .set_password('…'), .withClientSecret("…"), a
 * chain's .password("…"), and C#'s .WithClientSecret("…") and .SetPassword("…"). Every literal of it is masked: a
 * password often has the security token joined on (.setPassword("…" + "…"), .setPassword(password + "…")). A method
 * (after a dot) whose name starts lower case, or with Set or With: an exception (new InvalidToken('…'),
 * exceptions.InvalidToken('…')) carries the words the explainer reads, and a stack frame no literal.
 */
export const SETTER_CALL = new RegExp(
  String.raw`(\.(?:[a-z]\w*?|(?:Set|With)\w*?)?(?:[sS]ecret|[pP]ass(?:word|wd|phrase)|[pP]wd|[tT]oken|[sS]ession_?[iI]d|[pP]rivate_?[kK]ey|[aA]pi_?[kK]ey)\(\s*)((?:${PART})(?:\s*\+\s*(?:${PART}))*)(?=\s*[,)])`,
  'g',
);

/**
 * A YAML line's value and what follows it: a comment (after a blank and #), trailing blanks and, on a connection
 * string's line (Password=…;Security Token=…), the keys after the first are no part of it.
 */
export function yamlValue(rest: string): { value: string; tail: string } {
  const nextKey = new RegExp(NEXT_KEY).exec(rest)?.index ?? -1;
  const comment = [rest.indexOf(' #'), rest.indexOf('\t#'), nextKey].filter((at) => at !== -1);
  const end = comment.length > 0 ? Math.min(...comment) : rest.length;
  const value = rest.slice(0, end).trimEnd();
  return { value, tail: rest.slice(value.length) };
}

/** YAML_BLOCK's match: the key kept, the block scalar's lines masked, the lines after the block as they were. */
export function maskYamlBlock(_m: string, indent: string, key: string, block: string): string {
  // Under a list item (- password: |) the value is indented past the key, not past the dash: the item's
  // other keys, as far in as the key, are no part of it.
  const column = indent.length + (/^- +/.exec(key)?.[0].length ?? 0);
  const lines = block.split('\n');
  const end = lines.findIndex((line) => line.trim() !== '' && /^[ \t]*/.exec(line)![0].length <= column);
  const value = end === -1 ? lines : lines.slice(0, end);
  const rest = end === -1 ? [] : lines.slice(end);
  return [`${indent}${key}`, maskLines(value.join('\n')), ...rest].join('\n');
}

/** A block scalar's lines, each masked, indentation and blank lines kept. */
function maskLines(block: string): string {
  return block
    .split('\n')
    .map((line) => {
      const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
      const value = line.slice(indent.length).trimEnd();
      if (value === '' || isNoSecret('', value)) return line;
      return `${indent}${maskValue(value)}${line.slice(indent.length + value.length)}`;
    })
    .join('\n');
}
