// openid-client against the emulator as its users run it: through node-fetch and an agent that trusts the local
// certificate, TLS checks on.
import type https from 'node:https';
import nodeFetch from 'node-fetch';
import type * as oidc from 'openid-client';

/** openid-client's customFetch: the same request through an agent that trusts the local certificate. */
export function trustingFetch(agent: https.Agent): oidc.CustomFetch {
  return async (url, options) => {
    const response = await nodeFetch(url, {
      method: options.method,
      headers: Object.fromEntries(new Headers(options.headers)),
      body: options.body as string | undefined,
      redirect: options.redirect,
      signal: options.signal,
      agent,
    });
    const body = [204, 304].includes(response.status) ? null : await response.arrayBuffer();
    return new Response(body, { status: response.status, headers: [...response.headers] });
  };
}
