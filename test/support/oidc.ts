// openid-client against the emulator as its users run it: through node-fetch and an agent that trusts the local
// certificate, TLS checks on.
import type https from 'node:https';
import nodeFetch from 'node-fetch';
import * as oidc from 'openid-client';
import { authorizeInBrowser, type LoginTarget } from './emulator-login.ts';

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

/** The code flow with PKCE and state, as openid-client's users run it, the login done at the emulator's pages. */
export async function codeFlow(config: oidc.Configuration, stack: LoginTarget, scope: string) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: stack.config.callbackUrl,
    scope,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  const callback = await authorizeInBrowser(stack, Object.fromEntries(url.searchParams));
  return oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
}
