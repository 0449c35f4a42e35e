// The request a snippet repeats, read from a transcript leg: every secret marked with the variable that carries
// it, so that a snippet shows a placeholder until its owner reveals the value.
import type { TranscriptEntry } from '../../attempts/attempt.ts';
import { readJwt } from '../../jwt.ts';
import { distinctSecrets, isSecret, secretOf, type Secret, type Value } from './secrets.ts';

export interface Field {
  name: string;
  value: Value;
}

export interface LegRequest {
  leg: string;
  method: string;
  /** Without its query string, which is in `query`. */
  url: string;
  query: Field[];
  /** Headers worth repeating (not the ones every client sets by itself, nor Authorization). */
  headers: Field[];
  /** The access token of `Authorization: Bearer`. */
  bearer?: Value;
  /** HTTP Basic client authentication, decoded. */
  basic?: { user: string; password: Value };
  form?: Field[];
}

/** Headers that curl, requests and jsforce set by themselves, or that only add noise to a copied command. */
const SKIPPED = new Set([
  'content-length',
  'host',
  'connection',
  'accept-encoding',
  'user-agent',
  'content-type',
]);

function fieldsOf(params: URLSearchParams, form: URLSearchParams): Field[] {
  return [...params].map(([name, value]) => ({ name, value: secretOf(name, value, form) ?? value }));
}

function authorizationOf(value: string): Pick<LegRequest, 'bearer' | 'basic'> {
  const [, scheme = '', credentials = ''] = /^(\w+)\s+(.+)$/.exec(value) ?? [];
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const password = decoded.slice(colon + 1);
    return {
      basic: { user: decoded.slice(0, colon), password: secretOf('client_secret', password) ?? password },
    };
  }
  return { bearer: secretOf('access_token', credentials) };
}

/** The request of a server-to-Salesforce leg as it was sent: raw values, each secret marked. */
export function legRequest(
  entry: Pick<TranscriptEntry, 'leg' | 'method' | 'url' | 'requestHeaders' | 'requestBody'>,
): LegRequest {
  const url = new URL(entry.url);
  const form = entry.requestBody === undefined ? undefined : new URLSearchParams(entry.requestBody);
  const query = fieldsOf(url.searchParams, form ?? new URLSearchParams());
  url.search = '';
  const request: LegRequest = { leg: entry.leg, method: entry.method, url: url.href, query, headers: [] };
  for (const [name, value] of Object.entries(entry.requestHeaders)) {
    if (name.toLowerCase() === 'authorization') Object.assign(request, authorizationOf(value));
    else if (!SKIPPED.has(name.toLowerCase())) request.headers.push({ name, value });
  }
  if (form) request.form = fieldsOf(form, form);
  return request;
}

/** The final token at work: the session's query on the instance, as the result page runs it. */
export function queryRequest(
  instanceUrl: string,
  apiVersion: string,
  soql: string,
  accessToken: string,
): LegRequest {
  return legRequest({
    leg: 'query',
    method: 'GET',
    url: `${instanceUrl}/services/data/v${apiVersion}/query?${new URLSearchParams({ q: soql })}`,
    requestHeaders: { accept: 'application/json', authorization: `Bearer ${accessToken}` },
  });
}

/** Every secret the request carries, each once. */
export function secretsOfRequest(request: LegRequest): Secret[] {
  const values = [
    ...request.query.map((field) => field.value),
    ...(request.bearer ? [request.bearer] : []),
    ...(request.basic ? [request.basic.password] : []),
    ...(request.form ?? []).map((field) => field.value),
  ];
  return distinctSecrets(values);
}

/** The parts of a query request (GET …/services/data/vNN.N/query?q=…), when the request is one. */
export function queryOf(
  request: LegRequest,
): { instanceUrl: string; version: string; soql: string } | undefined {
  const match = /^(https?:\/\/[^/]+)\/services\/data\/v(\d+\.\d+)\/query\/?$/.exec(request.url);
  const q = request.query.find((field) => field.name === 'q');
  if (request.method !== 'GET' || !match || !q || isSecret(q.value) || request.query.length !== 1)
    return undefined;
  return { instanceUrl: match[1], version: match[2], soql: q.value };
}

/**
 * The URL an OAuth endpoint hangs under, as jsforce's loginUrl and the sf CLI's --instance-url take it (each adds
 * /services/oauth2/…): the origin, with an Experience Cloud site's path kept.
 */
export function oauthBaseOf(url: string): string {
  const { origin, pathname } = new URL(url);
  return `${origin}${pathname.replace(/\/services\/oauth2\/[^/]+\/?$/, '')}`;
}

/** A form field's value, when the form has it. */
export function formValue(request: LegRequest, name: string): Value | undefined {
  return request.form?.find((field) => field.name === name)?.value;
}

/** The URL with its query string as sent (for the rare request that is not a GET yet has one). */
export function urlWithQuery(request: LegRequest): string {
  const query = new URLSearchParams(
    request.query.map(({ name, value }) => [name, isSecret(value) ? `$${value.variable}` : value]),
  ).toString();
  return query ? `${request.url}?${query}` : request.url;
}

/** iss and sub of a JWT bearer assertion (claims are no secret: the page shows them decoded). */
export function assertionClaims(request: LegRequest): { iss: string; sub: string; aud?: string } | undefined {
  const assertion = formValue(request, 'assertion');
  const claims = readJwt(assertion && isSecret(assertion) ? assertion.value : assertion)?.claims;
  const text = (name: string) => (typeof claims?.[name] === 'string' ? (claims[name] as string) : undefined);
  const iss = text('iss');
  const sub = text('prn') ?? text('sub');
  return iss && sub ? { iss, sub, aud: text('aud') } : undefined;
}
