// Python: the request with requests, the certificate verified, secrets read from variables set at the top; the
// simple_salesforce equivalent as a comment where it has one.
import { bindingsComment, bindingsOf, setIt, type SnippetContext } from './context.ts';
import { queryOf, type Field, type LegRequest } from './request.ts';
import { expression, literal, simpleSalesforce } from './pythonSimpleSalesforce.ts';
const dict = (fields: Field[]) =>
  `{${fields.map(({ name, value }) => `${literal(name)}: ${expression(value)}`).join(', ')}}`;

const INSTALL =
  '# Python 3 with requests (Debian: apt-get install python3-requests; elsewhere, in a venv: python3 -m pip install requests).';

export function pythonSnippet(request: LegRequest, context: SnippetContext): string {
  const bindings = bindingsOf(request, context);
  const query = queryOf(request);
  const unset = bindings.filter((binding) => binding.value === undefined);
  const lines = [
    INSTALL,
    ...(context.caFile ? ["# Run it from the playground's folder, where certs/ is."] : []),
  ];
  lines.push(
    ...(query ? ['import json'] : []),
    ...(unset.length > 0 ? ['import os', 'import sys'] : []),
    '',
    'import requests',
    '',
  );
  if (context.caFile)
    lines.push(
      `CA_FILE = ${literal(context.caFile)}  # the local emulator's certificate: verified, never switched off`,
    );
  const comment = bindingsComment(bindings);
  if (comment) lines.push(`# ${comment}`);
  for (const binding of bindings) {
    if (binding.value !== undefined) lines.push(`${binding.variable} = ${literal(binding.value)}`);
    // Unset, it stops with how to set it, where os.environ[…] would end in a KeyError's traceback.
    else
      lines.push(
        `${binding.variable} = os.environ.get(${literal(binding.variable)}) or sys.exit(${literal(`${binding.variable} is not set: ${setIt(binding)}`)})`,
      );
  }
  const headers = [...request.headers.map((h) => `${literal(h.name)}: ${expression(h.value)}`)];
  if (request.bearer) headers.push(`"Authorization": ${expression(request.bearer, 'Bearer ')}`);
  const method = request.method === 'GET' ? 'get' : request.method === 'POST' ? 'post' : undefined;
  const args = [method ? literal(request.url) : `${literal(request.method)}, ${literal(request.url)}`];
  if (request.query.length > 0) args.push(`params=${dict(request.query)}`);
  if (headers.length > 0) args.push(`headers={${headers.join(', ')}}`);
  if (request.basic)
    args.push(`auth=(${literal(request.basic.user)}, ${expression(request.basic.password)})`);
  if (request.form) args.push(`data=${dict(request.form)}`);
  if (context.caFile) args.push('verify=CA_FILE');
  args.push('timeout=30');
  if (query)
    lines.push(
      '',
      'def checked(response):',
      "    # A refusal stops with Salesforce's answer (errorCode and message say why), not with the status alone.",
      '    if not response.ok:',
      '        raise SystemExit(f"{response.status_code} {response.reason}: {response.text}")',
      '    return response',
    );
  lines.push('', `response = requests.${method ?? 'request'}(`, ...args.map((arg) => `    ${arg},`), ')');
  if (query) {
    lines.push(
      'while True:',
      '    page = checked(response).json()',
      '    for record in page["records"]:',
      '        print(json.dumps({name: value for name, value in record.items() if name != "attributes"}))',
      '    if page["done"]:',
      '        break',
      '    # More rows than one batch (2,000 by default): the next batch is at nextRecordsUrl, asked the same way.',
      `    response = requests.get(${literal(query.instanceUrl)} + page["nextRecordsUrl"], headers=response.request.headers${context.caFile ? ', verify=CA_FILE' : ''}, timeout=30)`,
    );
  } else {
    lines.push('print(response.status_code)', 'print(response.text)');
  }
  lines.push('', ...simpleSalesforce(request, context));
  return lines.join('\n');
}
