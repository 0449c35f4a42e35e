// Python: the request with requests, the certificate verified, secrets read from variables set at the top; the
// simple_salesforce equivalent as a comment where it has one.
import { JWT_GRANT_TYPE } from '../../flows/jwtBearer.ts';
import { bindingsComment, bindingsOf, setIt, type SnippetContext } from './context.ts';
import { assertionClaims, formValue, queryOf, type Field, type LegRequest } from './request.ts';
import { isSecret, type Value } from './secrets.ts';

/** A JSON string is also a valid Python string literal. */
const literal = (text: string) => JSON.stringify(text);
const expression = (value: Value, prefix = '') =>
  isSecret(value)
    ? prefix
      ? `f${literal(`${prefix}{${value.variable}}`)}`
      : value.variable
    : literal(prefix + value);
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
    ...(unset.length > 0 ? ['import os'] : []),
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
    else lines.push(`${binding.variable} = os.environ[${literal(binding.variable)}]  # ${setIt(binding)}`);
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

/** simple_salesforce's own call for the same thing, as a comment (it is not installed with the snippet). */
function simpleSalesforce(request: LegRequest, context: SnippetContext): string[] {
  const query = queryOf(request);
  if (query && request.bearer) {
    return [
      '# The same with simple_salesforce (pip install simple-salesforce):',
      '#   from simple_salesforce import Salesforce',
      ...(context.caFile
        ? [
            '#   session = requests.Session()',
            '#   session.verify = CA_FILE  # requests lets REQUESTS_CA_BUNDLE, if set, override this: unset it',
          ]
        : []),
      `#   sf = Salesforce(instance_url=${literal(query.instanceUrl)}, session_id=${expression(request.bearer)},${context.caFile ? ' session=session,' : ''} version=${literal(query.version)})`,
      `#   for record in sf.query_all(${literal(query.soql)})["records"]:`,
      '#       print(record)',
    ];
  }
  const grant = formValue(request, 'grant_type');
  const claims = assertionClaims(request);
  const domain = salesforceDomain(request.url);
  const hostNote = domain
    ? []
    : ['# It builds the host from domain= (the part before .salesforce.com), so it reaches real orgs only:'];
  if (grant === JWT_GRANT_TYPE && claims) {
    // It signs aud=https://<domain>.salesforce.com and sends the assertion to instance_url's host when given one:
    // a My Domain token host goes there, with login (or test) as domain, as this app's assertion had them. (Before
    // simple_salesforce 1.12.6, instance_url= is ignored here and the login host is used, which also works.)
    const audDomain = claims.aud ? salesforceDomain(claims.aud) : undefined;
    const jwtDomain = audDomain ?? domain ?? 'login';
    const tokenHost = domain && domain !== jwtDomain ? `, instance_url=${literal(domain)}` : '';
    return [
      '# simple_salesforce signs and sends its own assertion (pip install simple-salesforce).',
      ...hostNote,
      `#   sf = Salesforce(username=${literal(claims.sub)}, consumer_key=${literal(claims.iss)}, privatekey_file=${literal(context.jwtKeyFile)}, domain=${literal(jwtDomain)}${tokenHost})`,
    ];
  }
  const key = formValue(request, 'client_id') ?? request.basic?.user;
  const secret = formValue(request, 'client_secret') ?? request.basic?.password;
  if (grant === 'client_credentials' && key !== undefined && secret !== undefined) {
    return [
      '# simple_salesforce runs this grant when given a key and a secret without a user (pip install simple-salesforce).',
      ...hostNote,
      `#   sf = Salesforce(consumer_key=${expression(key)}, consumer_secret=${expression(secret)}, domain=${literal(domain ?? 'your-domain.my')})`,
    ];
  }
  const [username, password] = [formValue(request, 'username'), formValue(request, 'password')];
  if (grant === 'password' && key !== undefined && secret !== undefined && username && password) {
    return [
      '# simple_salesforce runs this grant when given a user, a password with the security token after it, a key',
      '# and a secret, and no security_token= (which would make it log in with SOAP instead; pip install simple-salesforce).',
      ...hostNote,
      `#   sf = Salesforce(username=${expression(username)}, password=${expression(password)}, consumer_key=${expression(key)}, consumer_secret=${expression(secret)}, domain=${literal(domain ?? 'login')})`,
    ];
  }
  return ['# simple_salesforce has no call of its own for this request: it uses requests, as above.'];
}

/** What simple_salesforce's domain= is for this host: login, test, or a My Domain such as acme.my. */
function salesforceDomain(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const host = new URL(url).hostname;
  return host.endsWith('.salesforce.com') ? host.slice(0, -'.salesforce.com'.length) : undefined;
}
