// jsforce (Node): the request with jsforce's own call where it has one (query, token grants, revoke), else its
// generic request; the local certificate trusted, never verification switched off.
import { bindingsComment, bindingsOf, setIt, type SnippetContext } from './context.ts';
import { formValue, oauthBaseOf, queryOf, type Field, type LegRequest } from './request.ts';
import { isSecret, type Value } from './secrets.ts';

/** A single-quoted JavaScript string, as Node's own examples write them. */
const literal = (text: string) =>
  `'${JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
const expression = (value: Value) => (isSecret(value) ? value.variable : literal(value));
const key = (name: string) => (/^[A-Za-z_]\w*$/.test(name) ? name : literal(name));
/** An object literal: on one line when short, else one property a line. */
function object(entries: [string, string][], indent = ''): string {
  const parts = entries.map(([name, value]) => `${key(name)}: ${value}`);
  const inline = `{ ${parts.join(', ')} }`;
  if (inline.length <= 60 || entries.length < 2) return inline;
  return `{\n${parts.map((part) => `${indent}  ${part},`).join('\n')}\n${indent}}`;
}
const fieldsObject = (fields: Field[], indent = '') =>
  object(
    fields.map(({ name, value }) => [name, expression(value)]),
    indent,
  );

export function jsforceSnippet(request: LegRequest, context: SnippetContext): string | undefined {
  const call = callOf(request);
  if (!call) return undefined;
  const bindings = bindingsOf(request, context);
  const lines = [
    "// Node.js 18+ with jsforce (the playground's npm install puts it in its folder; elsewhere: npm install jsforce).",
    "// Save as snippet.mjs in the playground's folder and run:",
    '//   node snippet.mjs',
  ];
  if (context.caFile)
    lines.push("import https from 'node:https';", "import { readFileSync } from 'node:fs';");
  lines.push("import jsforce from 'jsforce';", '');
  if (context.caFile) {
    lines.push(
      "// The local emulator's certificate: trusted, never verification switched off.",
      `https.globalAgent.options.ca = readFileSync(${literal(context.caFile)});`,
    );
  }
  const comment = bindingsComment(bindings);
  if (comment) lines.push(`// ${comment}`);
  // A variable left unset would reach Salesforce as "undefined" and come back as a misleading error.
  if (bindings.some((binding) => binding.value === undefined)) {
    lines.push(
      'function env(name) {',
      '  if (!process.env[name]) throw new Error(`${name} is not set: export it in your shell first (see its line in this file)`);',
      '  return process.env[name];',
      '}',
    );
  }
  for (const binding of bindings) {
    if (binding.value !== undefined) lines.push(`const ${binding.variable} = ${literal(binding.value)};`);
    else lines.push(`const ${binding.variable} = env(${literal(binding.variable)}); // ${setIt(binding)}`);
  }
  lines.push('', ...call);
  return lines.join('\n');
}

/** jsforce's call for this request; undefined for a browser's request (the authorize pre-flight). */
function callOf(request: LegRequest): string[] | undefined {
  const { pathname } = new URL(request.url);
  const loginUrl = oauthBaseOf(request.url);
  if (pathname.endsWith('/services/oauth2/authorize')) return undefined;
  const query = queryOf(request);
  if (query && request.bearer) {
    return [
      `const conn = new jsforce.Connection(${object([
        ['instanceUrl', literal(query.instanceUrl)],
        ['accessToken', expression(request.bearer)],
        ['version', literal(query.version)],
      ])});`,
      `let result = await conn.query(${literal(query.soql)});`,
      'for (;;) {',
      '  for (const { attributes, ...row } of result.records) console.log(JSON.stringify(row));',
      '  if (result.done) break;',
      '  // More rows than one batch (2,000 by default): queryMore asks for the next one.',
      '  result = await conn.queryMore(result.nextRecordsUrl);',
      '}',
    ];
  }
  if (pathname.endsWith('/services/oauth2/token') && request.form) return tokenCall(request, loginUrl);
  const token = formValue(request, 'token');
  if (pathname.endsWith('/services/oauth2/revoke') && token && request.form?.length === 1) {
    return [
      `const oauth2 = new jsforce.OAuth2({ loginUrl: ${literal(loginUrl)} });`,
      `await oauth2.revokeToken(${expression(token)});`,
      "console.log('revoked');",
    ];
  }
  const headers = request.headers.filter((header) => header.name.toLowerCase() !== 'accept');
  const options = [`method: ${literal(request.method)}`, `url: ${literal(urlOf(request))}`];
  if (request.form) {
    options.push(`body: new URLSearchParams(${fieldsObject(request.form, '  ')}).toString()`);
    headers.push({ name: 'content-type', value: 'application/x-www-form-urlencoded' });
  }
  if (headers.length > 0) options.push(`headers: ${fieldsObject(headers, '  ')}`);
  return [
    `const conn = new jsforce.Connection(${request.bearer ? `{ accessToken: ${expression(request.bearer)} }` : ''});`,
    `console.log(await conn.request({\n${options.map((option) => `  ${option},`).join('\n')}\n}));`,
  ];
}

/** The token endpoint through jsforce's OAuth2: its named call for the grant, or requestToken with the form. */
function tokenCall(request: LegRequest, loginUrl: string): string[] {
  const form = request.form ?? [];
  const taken = new Set(['client_id', 'client_secret', 'redirect_uri']);
  const config: [string, string][] = [['loginUrl', literal(loginUrl)]];
  const clientId = formValue(request, 'client_id') ?? request.basic?.user;
  const clientSecret = formValue(request, 'client_secret') ?? request.basic?.password;
  const redirectUri = formValue(request, 'redirect_uri');
  if (clientId) config.push(['clientId', expression(clientId)]);
  if (clientSecret) config.push(['clientSecret', expression(clientSecret)]);
  if (redirectUri) config.push(['redirectUri', expression(redirectUri)]);
  const rest = (...more: string[]) =>
    form.filter((field) => !taken.has(field.name) && !more.includes(field.name));
  const grant = formValue(request, 'grant_type');
  const code = formValue(request, 'code');
  const refreshToken = formValue(request, 'refresh_token');
  let call: string;
  if (grant === 'authorization_code' && code && clientId && redirectUri) {
    const params = rest('grant_type', 'code');
    call = `oauth2.requestToken(${expression(code)}${params.length > 0 ? `, ${fieldsObject(params)}` : ''})`;
  } else if (
    grant === 'refresh_token' &&
    refreshToken &&
    clientId &&
    rest('grant_type', 'refresh_token').length === 0
  ) {
    call = `oauth2.refreshToken(${expression(refreshToken)})`;
  } else {
    call = `oauth2.requestToken(${fieldsObject(rest())})`;
  }
  const basic = request.basic
    ? [
        '// jsforce sends the consumer key and secret in the form body, not as HTTP Basic: Salesforce takes either.',
      ]
    : [];
  return [...basic, `const oauth2 = new jsforce.OAuth2(${object(config)});`, `console.log(await ${call});`];
}

function urlOf(request: LegRequest): string {
  const query = new URLSearchParams(
    request.query.map(({ name, value }) => [name, isSecret(value) ? '' : value]),
  );
  return request.query.length > 0 ? `${request.url}?${query}` : request.url;
}
