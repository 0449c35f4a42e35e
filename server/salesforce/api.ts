// The Salesforce calls the flows make, each one leg of the transcript: token endpoint, identity, userinfo,
// introspection, revocation, versions, query.
import type { Recorder, SalesforceHttp, SalesforceResponse } from './http.ts';
import { parseTokenSet, type Identity, type TokenSet } from './tokens.ts';

export interface QueryResult {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: Record<string, unknown>[];
}

export interface TokenCallOptions {
  leg?: string;
  /** Origin to call instead of the login host. */
  host?: string;
  headers?: Record<string, string>;
  /** Form fields whose values the transcript must not keep (a password). */
  unrecorded?: string[];
}

export class SalesforceApi {
  constructor(
    private readonly http: SalesforceHttp,
    private readonly loginUrl: string,
  ) {}

  /**
   * POST /services/oauth2/token with a form, on the login host unless another host is named (client credentials
   * must use My Domain); returns the JSON body as it came.
   */
  async tokenEndpoint(
    form: Record<string, string>,
    record: Recorder,
    { leg = 'token', host = this.loginUrl, headers, unrecorded }: TokenCallOptions = {},
  ): Promise<Record<string, unknown>> {
    const url = `${host}/services/oauth2/token`;
    const request = {
      leg,
      method: 'POST' as const,
      url,
      form,
      headers,
      unrecorded,
      source: 'token' as const,
    };
    const response = await this.http.send(request, record);
    return JSON.parse(response.body) as Record<string, unknown>;
  }

  /** The token endpoint for a grant that returns tokens. */
  async token(form: Record<string, string>, record: Recorder, options: TokenCallOptions | string = {}) {
    const called = typeof options === 'string' ? { leg: options } : options;
    return parseTokenSet(await this.tokenEndpoint(form, record, called));
  }

  /** GET /services/oauth2/userinfo on the instance: the OpenID Connect view of the user. */
  async userinfo(tokens: TokenSet, record: Recorder): Promise<Record<string, unknown>> {
    const url = `${tokens.instance_url}/services/oauth2/userinfo`;
    const response = await this.http.send(
      { leg: 'userinfo', method: 'GET', url, headers: bearer(tokens) },
      record,
    );
    return JSON.parse(response.body) as Record<string, unknown>;
  }

  /** POST /services/oauth2/introspect with the app's own credentials: is the token active, and until when? */
  async introspect(
    token: string,
    hint: 'access_token' | 'refresh_token',
    client: { id: string; secret: string },
    record: Recorder,
  ): Promise<Record<string, unknown>> {
    const form = { token, token_type_hint: hint, client_id: client.id, client_secret: client.secret };
    const url = `${this.loginUrl}/services/oauth2/introspect`;
    const response = await this.http.send(
      // A leg per kind of token: the result page keeps one run of each, so both stay to read and copy.
      { leg: `introspect (${hint.replace('_', ' ')})`, method: 'POST', url, form, source: 'token' },
      record,
    );
    return JSON.parse(response.body) as Record<string, unknown>;
  }

  /** POST /services/oauth2/revoke with one token: a refresh token takes its access tokens with it. */
  async revokeToken(token: string, record: Recorder, leg = 'revoke'): Promise<void> {
    const url = `${this.loginUrl}/services/oauth2/revoke`;
    await this.http.send({ leg, method: 'POST', url, form: { token }, source: 'token' }, record);
  }

  /** GET the identity URL (the token's `id`) with the access token: who logged in. */
  async identity(tokens: TokenSet, record: Recorder): Promise<Identity> {
    const response = await this.http.send(
      { leg: 'identity', method: 'GET', url: tokens.id, headers: bearer(tokens) },
      record,
    );
    const body = JSON.parse(response.body) as Record<string, unknown>;
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
    const versions = JSON.parse(response.body) as { version: string }[];
    const newest = versions
      .map((v) => v.version)
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
    return JSON.parse(response.body) as QueryResult;
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

  /** Revokes the refresh token when there is one (which also kills its access tokens), else the access token. */
  revoke(tokens: TokenSet, record: Recorder): Promise<void> {
    return this.revokeToken(tokens.refresh_token ?? tokens.access_token, record);
  }
}

function bearer(tokens: TokenSet): Record<string, string> {
  return { authorization: `Bearer ${tokens.access_token}` };
}
