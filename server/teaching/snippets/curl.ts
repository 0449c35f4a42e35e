// curl: the request as one shell command, secrets in variables set just above it (a password, never kept, checked).
// Comment lines keep to words and commas: zsh without interactivecomments (its default) runs them as commands.
import { bindingsComment, bindingsOf, type Binding, type SnippetContext } from './context.ts';
import { urlWithQuery, type Field, type LegRequest } from './request.ts';
import { isSecret, type Value } from './secrets.ts';

/** A word as the shell reads it: bare when it has nothing the shell would interpret, else in single quotes. */
export const shellQuote = (text: string) =>
  /^[\w./:=@,+%-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * A word holding a variable goes in double quotes, so the shell expands the variable and nothing else; a prefix
 * holding what double quotes would still interpret ($, `, ", \, !) goes before them in single quotes.
 */
const word = (prefix: string, value: Value) => {
  if (!isSecret(value)) return shellQuote(`${prefix}${value}`);
  const quoted = /[$`"\\!]/.test(prefix) ? shellQuote(prefix) : prefix;
  return quoted === prefix ? `"${prefix}$${value.variable}"` : `${quoted}"$${value.variable}"`;
};

/** Said first: these lines are POSIX shell, and pasted into PowerShell or cmd they fail in misleading ways. */
export const POSIX_SHELL_LINE = '# For bash or zsh, on macOS, Linux, WSL or Git Bash, not PowerShell or cmd';

/**
 * The lines that set a command's variables: only to the learner's own values, after Reveal. A value not shown (a
 * placeholder) or never kept (a password) is checked instead, never set over the one the learner exported, and the
 * `&&` ending its line stops the command, even pasted into an interactive shell, when it is unset: a placeholder
 * would go to Salesforce and come back as a puzzling refusal, a wrong password counts toward the user's lockout.
 */
export function variableLines(bindings: readonly Binding[]): string[] {
  const set = bindings.filter((binding) => binding.value !== undefined);
  const checked = bindings.filter((binding) => binding.value === undefined);
  // Inside "${…:?…}" no quotes: bash drops them and dash prints them. So the value is read, never typed in an export
  // line: unquoted there, an access token's `!` (00D…!AR…) is history expansion at a bash or zsh prompt.
  const howToSet = (binding: Binding) =>
    binding.unkept
      ? `read -rs ${binding.variable} && export ${binding.variable} first, then type ${binding.describe}`
      : `read -rs ${binding.variable} && export ${binding.variable} first, then paste ${binding.describe}, Reveal on the playground shows it`;
  return [
    ...set.map((binding) => `export ${binding.variable}=${shellQuote(binding.value ?? '')}`),
    ...checked.map((binding) => `: "\${${binding.variable}:?is not set: ${howToSet(binding)}}" &&`),
  ];
}

const dataUrlencode = ({ name, value }: Field) => `--data-urlencode ${word(`${name}=`, value)}`;

export function curlSnippet(request: LegRequest, context: SnippetContext): string {
  const bindings = bindingsOf(request, context);
  // --cacert names the certificate by a path relative to the playground's folder, as the other tools' copies do.
  const lines: string[] = [POSIX_SHELL_LINE];
  if (context.caFile) lines.push('# Run it from the playground folder, where certs/ is.');
  const comment = bindingsComment(bindings);
  if (comment) lines.push(`# ${comment}`);
  lines.push(...variableLines(bindings));

  const first = ['curl'];
  if (context.caFile) first.push('--cacert', shellQuote(context.caFile));
  // A form makes curl POST by itself; a GET with parameters sends them in the query string.
  const inQuery = request.method === 'GET' ? request.query : [];
  if (inQuery.length > 0) first.push('--get');
  else if (request.method !== 'GET' && !request.form) first.push('--request', request.method);
  first.push(shellQuote(request.method === 'GET' ? request.url : urlWithQuery(request)));
  const options: string[] = [];
  for (const header of request.headers) options.push(`-H ${word(`${header.name}: `, header.value)}`);
  if (request.bearer) options.push(`-H ${word('Authorization: Bearer ', request.bearer)}`);
  if (request.basic) options.push(`--user ${word(`${request.basic.user}:`, request.basic.password)}`);
  for (const field of [...inQuery, ...(request.form ?? [])]) options.push(dataUrlencode(field));
  lines.push([first.join(' '), ...options.map((option) => `  ${option}`)].join(' \\\n'));
  return lines.join('\n');
}
