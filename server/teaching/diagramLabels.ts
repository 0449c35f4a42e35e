// Diagram labels that depend on the attempt (the redirect flows' and the API step's): a break-it switch, or the
// answer, changes what was sent or what came back, and the label says so. The server flows' are in diagramServerLabels.
import type { Attempt } from '../attempts/attempt.ts';
import { challengeLeftOut, verifierLeftOut } from '../flows/codeExchange.ts';

/** The first leg of this name in the attempt's transcript, once it was sent. */
const firstLeg = (attempt: Attempt, leg: string) => attempt.transcript.find((entry) => entry.leg === leg);

/** The host of the first leg of this name, once it was sent (a label before that says no host). */
export const hostOf = (attempt: Attempt, leg: string): string | undefined => {
  const url = firstLeg(attempt, leg)?.url;
  return url && URL.canParse(url) ? new URL(url).host : undefined;
};

/** The query of the first leg of this name, as sent (the authorize redirect's, a token request's form). */
export const sentParams = (
  attempt: Attempt,
  leg: string,
  part: 'url' | 'body',
): URLSearchParams | undefined => {
  const entry = firstLeg(attempt, leg);
  if (!entry) return undefined;
  if (part === 'body') return new URLSearchParams(entry.requestBody ?? '');
  return URL.canParse(entry.url) ? new URL(entry.url).searchParams : undefined;
};

/** The web server flow's PKCE as sent: see codeExchange for which switches leave out the challenge or verifier. */
export const webServerAuthorize = (attempt: Attempt): string => {
  const challenge = challengeLeftOut(attempt.faults) ? ', without code_challenge' : ' and code_challenge';
  return `Redirect to /services/oauth2/authorize with state${challenge}`;
};
/**
 * The error the callback came back with (Deny, a refusal) instead of a code or token, read from the recorded callback
 * itself: a reloaded one carries it too, while its attempt's own error is the replay.
 */
const returnedError = (attempt: Attempt): string | undefined => {
  const url = firstLeg(attempt, 'callback')?.url;
  if (!url || !URL.canParse(url)) return undefined;
  const { searchParams, hash } = new URL(url);
  // An empty error is none, as the callback reads it (routes/callback.ts).
  return searchParams.get('error') || new URLSearchParams(hash.slice(1)).get('error') || undefined;
};
export const errorCameBack = (attempt: Attempt): boolean => returnedError(attempt) !== undefined;

/** Refusals Salesforce sends back before any login page: the request itself was refused, not the user's answer. */
const BEFORE_LOGIN = new Set([
  'invalid_request',
  'unsupported_response_type',
  'unauthorized_client',
  'immediate_unsuccessful',
]);

/** The step at Salesforce's pages, as it went: allowed, denied, never shown, or ended with another answer. */
export const loginStep = (attempt: Attempt): string => {
  const error = returnedError(attempt);
  if (error === undefined) return 'Log in and Allow';
  if (error === 'access_denied') return 'Log in, then Deny';
  return BEFORE_LOGIN.has(error)
    ? 'Salesforce refused the request at authorize, before any login page'
    : `Log in (Salesforce answered ${error})`;
};

export const webServerRedirect = (attempt: Attempt): string =>
  `Redirect to the callback with ${errorCameBack(attempt) ? '?error' : '?code'} and state`;
export const userAgentRedirect = (attempt: Attempt): string =>
  `Redirect to the callback with ${errorCameBack(attempt) ? 'the error' : 'the token'} in the #fragment`;
/**
 * What the callback checks, as the attempt's own checks say once it got there: the signature only with a consumer
 * secret, the nonce only with an id_token. Before then, the same conditions in words.
 */
export const userAgentCallback = (attempt: Attempt): string => {
  if (errorCameBack(attempt))
    return 'The page script posts the fragment: check state (an error came back: no token, nothing else to check)';
  if (!attempt.checks.some((check) => check.id === 'state'))
    return 'The page script posts the fragment: check state, the signature (with a consumer secret) and the nonce (with openid)';
  const ran = (['state', 'signature', 'nonce'] as const).filter((id) =>
    attempt.checks.some((check) => check.id === id && check.performed !== false),
  );
  const listed = ran.length > 1 ? `${ran.slice(0, -1).join(', ')} and ${ran[ran.length - 1]}` : ran[0];
  return `The page script posts the fragment: check ${listed}`;
};

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
  const form = sentParams(attempt, 'token', 'body');
  const secret = form && !form.has('client_secret') ? ', no client secret' : '';
  return `POST /services/oauth2/token with the code${verifier}${secret}${replayed(attempt)}`;
};

/** "Break it: replay the code": the step shows both exchanges, the one that worked and the second, refused. */
const replayed = (attempt: Attempt): string => {
  const first = attempt.transcript.find((entry) => entry.leg === 'token');
  const again = attempt.transcript.find((entry) => entry.leg === 'token (replayed code)');
  if (!first?.status || !again) return '';
  return ` (answered ${first.status}), then the same code again (${again.status ? `answered ${again.status}` : 'no answer'})`;
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

/** The user-agent flow asks for `token id_token` when openid is among the scopes, with its nonce. */
export const userAgentAuthorize = (attempt: Attempt): string => {
  const query = sentParams(attempt, 'authorize', 'url');
  const responseType = query?.get('response_type') ?? 'token';
  const nonce = query ? (query.has('nonce') ? ' and nonce' : '') : ' and nonce';
  return `Redirect to /services/oauth2/authorize (response_type=${responseType}) with state${nonce}`;
};
