// How an /authorize refusal reaches the browser: on a page (the client or callback cannot be trusted), on Salesforce's
// RemoteAccessErrorPage (the org refuses), or back at the app's callback, in the query or the fragment.
import type { OAuthError } from './errors.ts';

/** Errors that must not redirect (unknown client, unknown redirect URI): shown on a page instead. */
export class PageError extends Error {
  constructor(
    readonly oauthError: OAuthError,
    readonly about: {
      /** The sf CLI's own app asked for: the page adds how to sign the CLI in with the playground's app here. */
      sfCliApp?: boolean;
      /** The request's client_id and redirect_uri as sent: the explanation compares them with the playground's. */
      sent?: { client_id?: string; redirect_uri?: string };
    } = {},
  ) {
    super(oauthError.message);
  }
}

/**
 * Errors Salesforce sends to its own RemoteAccessErrorPage (the app is known and the callback is right, but the org
 * refuses it), with the reason in that page's query string.
 */
export class RemoteAccessError extends Error {
  constructor(readonly oauthError: OAuthError) {
    super(oauthError.message);
  }
}

/** Errors that go back to the app, in the query (code) or the fragment (token). */
export class RedirectError extends Error {
  constructor(
    readonly oauthError: OAuthError,
    readonly redirectUri: string,
    readonly inFragment: boolean,
    readonly state?: string,
  ) {
    super(oauthError.message);
  }
}

/** Where the browser goes with an error: query for the code flow, fragment for the token flow. */
export function errorRedirectUrl(error: RedirectError): string {
  const params = new URLSearchParams({
    error: error.oauthError.error,
    error_description: error.oauthError.error_description,
  });
  if (error.state !== undefined) params.set('state', error.state);
  return appendResponse(error.redirectUri, params, error.inFragment);
}

export function appendResponse(redirectUri: string, params: URLSearchParams, inFragment: boolean): string {
  if (inFragment) return `${redirectUri}#${params.toString()}`;
  return `${redirectUri}${redirectUri.includes('?') ? '&' : '?'}${params.toString()}`;
}
