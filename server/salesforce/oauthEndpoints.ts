// The OAuth endpoints on the login host that issue, inspect and revoke tokens: token, introspect, revoke. The
// calls made with a token once it is issued are in api.ts, which builds on these.
import type { Recorder, SalesforceHttp } from './http.ts';
import { parseTokenSet, tokenAnswerJson, type TokenSet } from './tokens.ts';

export interface TokenCallOptions {
  leg?: string;
  /** Origin to call instead of the login host. */
  host?: string;
  headers?: Record<string, string>;
  /** Form fields whose values the transcript must not keep (a password). */
  unrecorded?: string[];
}

export class OAuthEndpoints {
  constructor(
    protected readonly http: SalesforceHttp,
    protected readonly loginUrl: string,
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
    return tokenAnswerJson(response.body) as Record<string, unknown>;
  }

  /** The token endpoint for a grant that returns tokens. */
  async token(form: Record<string, string>, record: Recorder, options: TokenCallOptions | string = {}) {
    const called = typeof options === 'string' ? { leg: options } : options;
    return parseTokenSet(await this.tokenEndpoint(form, record, called));
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

  /** Revokes the refresh token when there is one (which also kills its access tokens), else the access token. */
  revoke(tokens: TokenSet, record: Recorder): Promise<void> {
    return this.revokeToken(tokens.refresh_token ?? tokens.access_token, record);
  }
}
