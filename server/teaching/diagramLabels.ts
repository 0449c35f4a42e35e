// Diagram labels that depend on the attempt: a break-it switch changes what was sent, or where; the label says so.
import type { Attempt } from '../attempts/attempt.ts';
import { challengeLeftOut, verifierLeftOut } from '../flows/codeExchange.ts';

/** The host of the first leg of this name, once it was sent (a label before that says no host). */
const hostOf = (attempt: Attempt, leg: string): string | undefined => {
  const url = attempt.transcript.find((entry) => entry.leg === leg)?.url;
  return url && URL.canParse(url) ? new URL(url).host : undefined;
};

/** Client credentials works only on My Domain; the login-host switch sends it to the login host to see it refused. */
export const clientCredentialsToken = (attempt: Attempt): string => {
  const where = attempt.faults.includes('login-host') ? 'the login host' : 'My Domain';
  const host = hostOf(attempt, 'token');
  const to = host ? `${where} (${host})` : where;
  return `POST /services/oauth2/token on ${to} with grant_type=client_credentials and the app's id and secret, in the form or as HTTP Basic`;
};

/** other-key signs with a key made for the attempt: the certificate the app holds cannot verify it. */
export const jwtSigning = (attempt: Attempt): string =>
  attempt.faults.includes('other-key')
    ? "Sign the assertion (iss, sub, aud, exp), RS256, with a throwaway key, not certs/jwt.key: the app's certificate does not match it"
    : 'Sign the assertion (iss, sub, aud, exp) with certs/jwt.key, RS256';

/** The web server flow's PKCE as sent: see codeExchange for which switches leave out the challenge or verifier. */
export const webServerAuthorize = (attempt: Attempt): string => {
  const challenge = challengeLeftOut(attempt.faults) ? ', without code_challenge' : ' and code_challenge';
  return `Redirect to /services/oauth2/authorize with state${challenge}`;
};
/** The login answered with an error (Deny, a refusal), which came back through the callback instead of a code. */
const errorCameBack = (attempt: Attempt): boolean =>
  (attempt.error?.source === 'redirect' || attempt.error?.source === 'fragment') &&
  attempt.transcript.some((entry) => entry.leg === 'callback');

/** Refusals Salesforce sends back before any login page: the request itself was refused, not the user's answer. */
const BEFORE_LOGIN = new Set(['invalid_request', 'unsupported_response_type', 'unauthorized_client']);

/** The step at Salesforce's pages, as it went: allowed, denied, or never shown. */
export const loginStep = (attempt: Attempt): string => {
  if (!errorCameBack(attempt)) return 'Log in and Allow';
  if (attempt.error?.error === 'access_denied') return 'Log in, then Deny';
  return BEFORE_LOGIN.has(attempt.error?.error ?? '')
    ? 'Salesforce refused the request at authorize, before any login page'
    : 'Log in and Allow';
};

export const webServerRedirect = (attempt: Attempt): string =>
  `Redirect to the callback with ${errorCameBack(attempt) ? '?error' : '?code'} and state`;
export const userAgentRedirect = (attempt: Attempt): string =>
  `Redirect to the callback with ${errorCameBack(attempt) ? 'the error' : 'the token'} in the #fragment`;
export const userAgentCallback = (attempt: Attempt): string =>
  errorCameBack(attempt)
    ? 'The page script posts the fragment: check state (an error came back: no token, nothing else to check)'
    : 'The page script posts the fragment: check state, signature and nonce';

export const webServerCallback = (attempt: Attempt): string => {
  if (errorCameBack(attempt))
    return 'GET /oauthcallback.html: check state (an error came back: no code to exchange)';
  const pkce = verifierLeftOut(attempt.faults)
    ? ' (PKCE left out on purpose: nothing to recompute)'
    : ', recompute the PKCE challenge';
  return `GET /oauthcallback.html: check state${pkce}`;
};
export const webServerExchange = (attempt: Attempt): string => {
  const verifier = verifierLeftOut(attempt.faults) ? ', without code_verifier' : ' and code_verifier';
  return `POST /services/oauth2/token with the code${verifier}`;
};

/**
 * The API calls after sign-in, as made: the identity URL is on the login host, not the instance, and the versions list
 * is public (no token) and read once a day, so most sign-ins never call it. Before any call, what the result page asks.
 */
export const apiCalls = (attempt: Attempt): string => {
  const called = (leg: string) => attempt.transcript.some((entry) => entry.leg === leg);
  const identityHost = hostOf(attempt, 'identity');
  const withToken = [
    called('identity') && `the identity URL${identityHost ? ` (on ${identityHost})` : ''}`,
    called('query') && 'the query',
  ].filter((call) => call !== false);
  const parts = withToken.length > 0 ? [`${withToken.join(' and ')} with the Bearer token`] : [];
  if (called('versions')) parts.push('/services/data/ (the API versions: no token needed)');
  return parts.length > 0
    ? `GET ${parts.join(', and ')}`
    : 'GET the identity URL and the query with the Bearer token';
};

/** Whether the first leg of this name sent a form field (the secret stays in the form, masked, as sent). */
const sentField = (attempt: Attempt, leg: string, field: string): boolean | undefined => {
  const entry = attempt.transcript.find((candidate) => candidate.leg === leg);
  return entry ? new URLSearchParams(entry.requestBody ?? '').has(field) : undefined;
};

/** The refresh sends the secret when this app has one, unless a switch leaves it out or spoils it. */
export const refreshExchange = (attempt: Attempt): string => {
  const sent = sentField(attempt, 'token (refresh)', 'client_secret');
  // What was sent decides first: a public client armed with wrong-secret still sends no secret at all.
  const secret =
    sent === false
      ? ', without the client secret'
      : attempt.faults.includes('wrong-secret')
        ? ' and a wrong client secret'
        : sent
          ? ' and the client secret'
          : ' (and the client secret, when this app has one)';
  return `POST /services/oauth2/token with grant_type=refresh_token${secret}`;
};

/** The password grant's password: the user's password followed by the security token, unless a switch says not. */
export const passwordExchange = (attempt: Attempt): string => {
  const password = attempt.faults.includes('no-security-token')
    ? 'the password without its security token'
    : attempt.faults.includes('wrong-password')
      ? 'a wrong password'
      : 'the password + security token';
  return `POST /services/oauth2/token with grant_type=password, ${password} and the secret`;
};
