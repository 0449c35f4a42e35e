// The sequence diagram of a flow: its steps between the four parties, each done, failed or not reached.
import type { Attempt, FlowName } from '../attempts/attempt.ts';

export type Party = 'Browser' | 'This app' | 'Salesforce login' | 'Salesforce instance';
/** `earlier`: a step of a login this attempt did not see start (it began when the browser came back to the callback). */
export type StepState = 'done' | 'failed' | 'not-reached' | 'earlier';

export interface DiagramStep {
  from: Party;
  to: Party;
  label: string;
  state: StepState;
}

interface StepDef {
  from: Party;
  to: Party;
  label: string;
  /** The transcript legs or check ids that show this step happened. */
  evidence: (attempt: Attempt) => StepState | undefined;
}

const leg =
  (name: string) =>
  (attempt: Attempt): StepState | undefined => {
    // "token (replayed code)" is a second try of the token step.
    const entries = attempt.transcript.filter(
      (entry) => entry.leg === name || entry.leg.startsWith(`${name} `),
    );
    if (entries.length === 0) return undefined;
    return entries.some((entry) => entry.error || (entry.status !== undefined && entry.status >= 400))
      ? 'failed'
      : 'done';
  };
const checks =
  (...ids: string[]) =>
  (attempt: Attempt): StepState | undefined => {
    // A check that did not run proves nothing either way.
    const found = attempt.checks.filter((check) => ids.includes(check.id) && check.performed !== false);
    if (found.length === 0) return attempt.error?.error.endsWith('_mismatch') ? 'failed' : undefined;
    return found.every((check) => check.passed) ? 'done' : 'failed';
  };
/** Only the last leg of that name counts: polling answers 400 authorization_pending until the user allows. */
const lastLeg =
  (name: string) =>
  (attempt: Attempt): StepState | undefined => {
    const last = attempt.transcript.filter((entry) => entry.leg.startsWith(name)).at(-1);
    if (!last) return undefined;
    return last.error || (last.status !== undefined && last.status >= 400) ? 'failed' : 'done';
  };
const started = () => (): StepState => 'done';
const run = (label: string): StepDef => ({ from: 'Browser', to: 'This app', label, evidence: started() });
const callbackError = (attempt: Attempt): StepState | undefined => {
  const state = leg('callback')(attempt);
  if (state && attempt.error && (attempt.error.source === 'redirect' || attempt.error.source === 'fragment'))
    return 'failed';
  return state;
};

/**
 * The browser is sent to /authorize only after the pre-flight: an attempt that ended without that redirect stopped
 * at this first step (Salesforce refused the request, or could not be reached).
 */
const authorizeRedirect = (attempt: Attempt): StepState | undefined =>
  leg('authorize')(attempt) ?? (attempt.ok === false ? 'failed' : undefined);

const API = [
  {
    from: 'This app',
    to: 'Salesforce instance',
    label: 'GET identity URL, /services/data/ and the query with the Bearer token',
    evidence: leg('query'),
  },
] satisfies StepDef[];

const STEPS: Record<FlowName, StepDef[]> = {
  jwt: [
    {
      from: 'Browser',
      to: 'This app',
      label: 'Run: ask this app to sign in as the configured user',
      evidence: started(),
    },
    {
      from: 'This app',
      to: 'This app',
      label: 'Sign the assertion (iss, sub, aud, exp) with certs/jwt.key, RS256',
      evidence: (a) => (a.assertion ? 'done' : a.error ? 'failed' : undefined),
    },
    {
      from: 'This app',
      to: 'Salesforce login',
      label: 'POST /services/oauth2/token with grant_type=jwt-bearer and the assertion',
      evidence: leg('token'),
    },
    ...API,
  ],
  'web-server': [
    {
      from: 'This app',
      to: 'Browser',
      label: 'Redirect to /services/oauth2/authorize with state and code_challenge',
      evidence: authorizeRedirect,
    },
    { from: 'Browser', to: 'Salesforce login', label: 'Log in and Allow', evidence: callbackError },
    {
      from: 'Salesforce login',
      to: 'Browser',
      label: 'Redirect to the callback with ?code and state',
      evidence: leg('callback'),
    },
    {
      from: 'Browser',
      to: 'This app',
      label: 'GET /oauthcallback.html: check state, recompute the PKCE challenge',
      evidence: checks('state', 'pkce'),
    },
    {
      from: 'This app',
      to: 'Salesforce login',
      label: 'POST /services/oauth2/token with the code and code_verifier',
      evidence: leg('token'),
    },
    ...API,
  ],
  'client-credentials': [
    run('Run: ask this app to get a token as itself'),
    {
      from: 'This app',
      to: 'Salesforce login',
      label:
        'POST My Domain /services/oauth2/token with grant_type=client_credentials, client_id and client_secret',
      evidence: leg('token'),
    },
    ...API,
  ],
  'refresh-token': [
    run("Run: trade this session's refresh token for a new access token"),
    {
      from: 'This app',
      to: 'Salesforce login',
      label: 'POST /services/oauth2/token with grant_type=refresh_token (and the client secret)',
      evidence: leg('token'),
    },
    ...API,
  ],
  device: [
    {
      from: 'This app',
      to: 'Salesforce login',
      label: 'POST /services/oauth2/token with response_type=device_code: a user code and verification_uri',
      evidence: leg('device authorization'),
    },
    {
      from: 'Browser',
      to: 'Salesforce login',
      label: 'On another screen: open verification_uri, enter the code, log in and Allow',
      evidence: lastLeg('token (poll)'),
    },
    {
      from: 'This app',
      to: 'Salesforce login',
      label: 'Poll with grant_type=device and the device code every interval seconds',
      evidence: lastLeg('token (poll)'),
    },
    ...API,
  ],
  'username-password': [
    run("Run: hand this app the user's username, password and security token"),
    {
      from: 'This app',
      to: 'Salesforce login',
      label:
        'POST /services/oauth2/token with grant_type=password, the password + security token and the secret',
      evidence: leg('token'),
    },
    ...API,
  ],
  'user-agent': [
    {
      from: 'This app',
      to: 'Browser',
      label: 'Redirect to /services/oauth2/authorize (response_type=token) with state and nonce',
      evidence: authorizeRedirect,
    },
    { from: 'Browser', to: 'Salesforce login', label: 'Log in and Allow', evidence: callbackError },
    {
      from: 'Salesforce login',
      to: 'Browser',
      label: 'Redirect to the callback with the token in the #fragment',
      evidence: leg('callback'),
    },
    {
      from: 'Browser',
      to: 'This app',
      label: 'The page script posts the fragment: check state, signature and nonce',
      evidence: checks('state', 'signature', 'nonce', 'id-token'),
    },
    ...API,
  ],
};

/** Steps after the first failure are "not reached"; so is every step without evidence. */
export function diagramSteps(attempt: Attempt): DiagramStep[] {
  let failed = false;
  const bornAtCallback = attempt.transcript[0]?.leg === 'callback';
  return STEPS[attempt.flow].map((step) => {
    // For an attempt that began at the callback (Back, Reload, a link), the redirect to authorize belongs to a login
    // it never saw start: neither failed nor "not reached". What came back (a code, or Deny) is its own.
    if (bornAtCallback && step.evidence === authorizeRedirect) {
      return { from: step.from, to: step.to, label: step.label, state: 'earlier' };
    }
    const evidence = failed ? undefined : step.evidence(attempt);
    const state: StepState = evidence ?? 'not-reached';
    if (state === 'failed') failed = true;
    return { from: step.from, to: step.to, label: step.label, state };
  });
}

export const PARTIES: readonly Party[] = ['Browser', 'This app', 'Salesforce login', 'Salesforce instance'];
