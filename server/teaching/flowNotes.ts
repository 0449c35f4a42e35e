// What the result page says about the flow that signed the visitor in: its name, and why its answer did or did
// not include a refresh token.
import type { FlowName } from '../attempts/attempt.ts';
import type { Login } from '../salesforce/tokens.ts';

export const FLOW_NAMES: Record<FlowName, string> = {
  jwt: 'JWT bearer',
  'web-server': 'web server',
  'user-agent': 'user-agent',
  'client-credentials': 'client credentials',
  'refresh-token': 'refresh token',
  device: 'device',
  'username-password': 'username-password',
};

const NEVER: Partial<Record<FlowName, string>> = {
  jwt: 'The JWT bearer flow never returns a refresh token: when the access token expires, sign a new assertion.',
  'client-credentials':
    'The client credentials flow never returns a refresh token: when the access token expires, ask again with the secret.',
  'username-password':
    'The username-password flow never returns a refresh token, one more reason to migrate away from it.',
};

export function refreshTokenNote(login: Login): string {
  const never = NEVER[login.flow];
  if (never) return never;
  const present = Boolean(login.tokens.refresh_token);
  if (login.revokedByTool?.token === 'refresh')
    return 'You revoked it with the token tools below: it no longer works, nor do the access tokens it gave.';
  if (login.flow === 'refresh-token') {
    return login.previousRefreshToken
      ? 'Rotation is on: the last refresh returned a new refresh token and the old one no longer works (reusing it revokes the family).'
      : 'Rotation is off: the refresh token from the original login stays valid, and refreshing returns none.';
  }
  if (login.flow === 'user-agent') {
    return present
      ? 'The user-agent flow returned a refresh token (when Salesforce includes one in this flow is unconfirmed: its documentation describes it for its own success URL or a custom scheme).'
      : "No refresh token: Salesforce's documentation describes one in the user-agent flow only for its own success URL or a custom scheme, not an https callback like this one (the exact rule is unconfirmed; the local emulator follows that reading).";
  }
  return present
    ? `The ${FLOW_NAMES[login.flow]} flow returned a refresh token because the refresh_token (or offline_access) scope was requested and allowed.`
    : `No refresh token: the ${FLOW_NAMES[login.flow]} flow returns one only when the refresh_token (or offline_access) scope is requested and allowed for the app.`;
}

/**
 * The flow that signs in again when this login's tokens are gone: the one it began with, not a refresh of it (which
 * needs the refresh token that is gone too). A refreshed login from before this was kept began with the web server
 * flow, the one the refresh page offers first.
 */
export function signInFlow(login: Login): FlowName {
  return login.flow === 'refresh-token' ? (login.signedInWith ?? 'web-server') : login.flow;
}

/**
 * Where a login's scopes come from, so the result page can say how to get the api scope a token lacks: the app's own
 * scopes for the flows that ask for none (JWT bearer, client credentials, username-password), the scopes ticked on
 * the flow page (web server, user-agent), SF_SCOPES (device). A refresh keeps the scopes of the flow it began with.
 */
export function scopesSource(login: Login): 'app' | 'flow-page' | 'setting' {
  const flow = signInFlow(login);
  if (flow === 'web-server' || flow === 'user-agent') return 'flow-page';
  return flow === 'device' ? 'setting' : 'app';
}

/** Whether a refresh can still mend this login: a refresh token it holds that neither Salesforce nor the visitor ended. */
export function refreshUsable(login: Login): boolean {
  return (
    Boolean(login.tokens.refresh_token) && !login.refreshRefused && login.revokedByTool?.token !== 'refresh'
  );
}
