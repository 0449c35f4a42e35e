// The Salesforce calls the flows make, each one leg of the transcript: on top of the OAuth endpoints
// (oauthEndpoints.ts), identity, userinfo, versions and query with the token, discovery, and probes.
import type { Recorder, SalesforceResponse } from './http.ts';
import { OAuthEndpoints } from './oauthEndpoints.ts';
import type { Identity, TokenSet } from './tokens.ts';

export interface QueryResult {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: Record<string, unknown>[];
}

/** The one object the flows call Salesforce through (ctx.api): the OAuth endpoints, and the calls below. */
export class SalesforceApi extends OAuthEndpoints {
  /** GET /services/oauth2/userinfo on the instance: the OpenID Connect view of the user. */
  async userinfo(tokens: TokenSet, record: Recorder): Promise<Record<string, unknown>> {
    const url = `${tokens.instance_url}/services/oauth2/userinfo`;
    const response = await this.http.send(
      { leg: 'userinfo', method: 'GET', url, headers: bearer(tokens) },
      record,
    );
    return JSON.parse(response.body) as Record<string, unknown>;
  }

  /** GET the identity URL (the token's `id`) with the access token: the whole answer, as the token tool shows it. */
  async identityDocument(tokens: TokenSet, record: Recorder): Promise<Record<string, unknown>> {
    const response = await this.http.send(
      { leg: 'identity', method: 'GET', url: tokens.id, headers: bearer(tokens) },
      record,
    );
    const body = JSON.parse(response.body) as Record<string, unknown> | null;
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new Error('the identity answer is not a JSON object');
    return body;
  }

  /** Who logged in: the few fields of the identity URL's answer that the result page keeps with the login. */
  async identity(tokens: TokenSet, record: Recorder): Promise<Identity> {
    const body = await this.identityDocument(tokens, record);
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
    return {
      username: text('username') ?? '',
      display_name: text('display_name'),
      email: text('email'),
      user_id: text('user_id'),
      organization_id: text('organization_id'),
    };
  }

  /** GET /services/data/ (no auth needed) and pick the newest version the org offers. */
  async newestVersion(tokens: TokenSet, record: Recorder): Promise<string> {
    const response = await this.http.send(
      { leg: 'versions', method: 'GET', url: `${tokens.instance_url}/services/data/` },
      record,
    );
    const listed: unknown = JSON.parse(response.body);
    // A list of {version} objects; anything else lists no version (and must not stop the page with a TypeError).
    const versions = (Array.isArray(listed) ? listed : []) as ({ version?: unknown } | null)[];
    const newest = versions
      .map((v) => v?.version)
      .filter((version): version is string => typeof version === 'string')
      .sort((a, b) => Number(a) - Number(b))
      .at(-1);
    if (!newest) throw new Error('GET /services/data/ listed no API versions');
    return newest;
  }

  /** Runs SOQL on the instance (never the login host, a classic cause of INVALID_SESSION_ID). */
  async query(tokens: TokenSet, version: string, soql: string, record: Recorder): Promise<QueryResult> {
    const url = `${tokens.instance_url}/services/data/v${version}/query?${new URLSearchParams({ q: soql })}`;
    const response = await this.http.send(
      { leg: 'query', method: 'GET', url, headers: bearer(tokens) },
      record,
    );
    const body = JSON.parse(response.body) as Partial<QueryResult> | null;
    // Salesforce's query answer always lists its records; any other JSON (a proxy's, a wrong path's) would break the
    // result page's table, so it fails here as the call's own problem, shown with the leg that brought it.
    const records: unknown = body?.records;
    if (!Array.isArray(records) || !records.every((item) => typeof item === 'object' && item !== null))
      throw new Error('the query answer has no list of records');
    return body as QueryResult;
  }

  /** OpenID discovery on the login host, then its JWKS: the keys that sign id_tokens. */
  async signingKeys(record: Recorder): Promise<{ issuer: string; keys: Record<string, unknown>[] }> {
    const discovery = await this.http.send(
      { leg: 'discovery', method: 'GET', url: `${this.loginUrl}/.well-known/openid-configuration` },
      record,
    );
    const { issuer, jwks_uri: jwksUri } = JSON.parse(discovery.body) as { issuer: string; jwks_uri: string };
    const jwks = await this.http.send({ leg: 'jwks', method: 'GET', url: jwksUri }, record);
    return { issuer, keys: (JSON.parse(jwks.body) as { keys: Record<string, unknown>[] }).keys };
  }

  /**
   * GET a URL as a browser would, without following redirects, and return whatever comes back: a pre-flight of
   * the authorize request, or a probe of the setup doctor.
   */
  probe(leg: string, url: string, record: Recorder): Promise<SalesforceResponse> {
    return this.http.send(
      { leg, method: 'GET', url, anyAnswer: true, headers: { accept: 'text/html,application/json' } },
      record,
    );
  }
}

function bearer(tokens: TokenSet): Record<string, string> {
  return { authorization: `Bearer ${tokens.access_token}` };
}
