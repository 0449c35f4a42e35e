// curl: the request as one shell command, secrets in variables set just above it.
import { bindingsComment, bindingsOf, placeholder, type SnippetContext } from './context.ts';
import { urlWithQuery, type Field, type LegRequest } from './request.ts';
import { isSecret, type Value } from './secrets.ts';

/** A word as the shell reads it: bare when it has nothing the shell would interpret, else in single quotes. */
export const shellQuote = (text: string) =>
  /^[\w./:=@,+%-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;

/** A word holding a variable goes in double quotes, so the shell expands the variable and nothing else. */
const word = (prefix: string, value: Value) =>
  isSecret(value) ? `"${prefix}$${value.variable}"` : shellQuote(`${prefix}${value}`);

const dataUrlencode = ({ name, value }: Field) => `--data-urlencode ${word(`${name}=`, value)}`;

export function curlSnippet(request: LegRequest, context: SnippetContext): string {
  const bindings = bindingsOf(request, context);
  // --cacert names the certificate by a path relative to the playground's folder, as the other tools' copies do.
  const lines: string[] = context.caFile ? ["# Run it from the playground's folder, where certs/ is."] : [];
  const comment = bindingsComment(bindings);
  if (comment) lines.push(`# ${comment}`);
  for (const binding of bindings)
    lines.push(`export ${binding.variable}=${shellQuote(binding.value ?? placeholder(binding))}`);

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
