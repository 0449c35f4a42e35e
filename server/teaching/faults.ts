// The "break it" catalogue: per flow, what the next attempt can do wrong on purpose, in words that complete
// "Next attempt will: …". App faults change this app's request; org faults change the local org's settings once.
import type { Attempt, Fault, FlowName } from '../attempts/attempt.ts';
import type { Config } from '../config.ts';
import { sameOrigin } from '../hostKinds.ts';
import { isOrgFault } from '../orgFaults.ts';

export interface FaultOption {
  id: Fault;
  /** Completes "Next attempt will: …". */
  label: string;
}

const ORG = {
  adminApproved: {
    id: 'admin-approved-no-profile',
    label: "meet an admin-approved app that the user's profile is not assigned to",
  },
  callback: { id: 'callback-mismatch', label: "meet an app whose callback URLs do not include this app's" },
  blocked: { id: 'app-blocked', label: 'meet an app an administrator has blocked' },
  ip: { id: 'ip-restricted', label: "come from an IP address the user's profile does not allow" },
} as const satisfies Record<string, FaultOption>;

export const FAULTS: Record<FlowName, FaultOption[]> = {
  jwt: [
    { id: 'wrong-aud', label: 'send aud=https://wrong-audience.example.com in the assertion' },
    { id: 'expired-exp', label: 'sign an assertion that expired 5 minutes ago' },
    { id: 'other-key', label: 'sign the assertion with a key whose certificate Salesforce has never seen' },
    ORG.adminApproved,
    ORG.ip,
  ],
  'web-server': [
    { id: 'wrong-redirect-uri', label: 'send another redirect_uri at the code exchange' },
    { id: 'replay-code', label: 'exchange the code a second time' },
    { id: 'missing-verifier', label: 'leave out the code_verifier' },
    { id: 'tampered-state', label: 'come back with a state this browser never sent' },
    ORG.callback,
    { id: 'require-secret', label: 'meet an app that requires the client secret, and send none' },
    { id: 'require-pkce', label: 'meet an app that requires PKCE, and send no code_challenge' },
    ORG.adminApproved,
    ORG.blocked,
    ORG.ip,
  ],
  'user-agent': [
    { id: 'tampered-state', label: 'come back with a state this browser never sent' },
    { id: 'user-agent-blocked', label: 'meet an org that blocks user-agent flows' },
    ORG.callback,
    ORG.blocked,
  ],
  'client-credentials': [
    { id: 'login-host', label: 'go to the login host instead of My Domain' },
    { id: 'wrong-secret', label: 'send a wrong client secret' },
    { id: 'no-run-as', label: 'meet an app with no Run As user' },
  ],
  'refresh-token': [
    { id: 'reuse-refresh-token', label: 'reuse the refresh token that rotation replaced' },
    { id: 'revoked-refresh-token', label: 'revoke the refresh token first, then use it' },
    { id: 'wrong-secret', label: 'send a wrong client secret' },
    { id: 'no-secret', label: 'leave out the client secret' },
  ],
  device: [
    { id: 'poll-too-fast', label: 'poll without waiting for interval' },
    {
      id: 'rfc-grant-type',
      label: "poll with RFC 8628's grant_type (urn:ietf:params:oauth:grant-type:device_code)",
    },
    { id: 'device-blocked', label: 'meet an org that blocks the device flow for uninstalled apps' },
  ],
  'username-password': [
    { id: 'no-security-token', label: 'leave out the security token' },
    {
      id: 'wrong-password',
      label:
        // How many in a row lock the user is the org's choice; no Salesforce document found gives the default.
        "send a wrong password (it counts toward the user's lockout, after as many in a row as the org's password policy sets: ten is the commonly cited default)",
    },
  ],
};

/** The refresh's switches that spoil the secret it sends: a public client sends none, so they would change nothing. */
const SECRET_SPOILERS: readonly Fault[] = ['wrong-secret', 'no-secret'];

/**
 * The faults a flow page offers: org-side ones only where the org is the local emulator, "login host instead of My
 * Domain" only where the two differ (an SF_LOGIN_URL that is the My Domain leaves no other host to go to), and the
 * refresh's secret switches only where there is a secret to spoil.
 */
export function offeredFaults(
  flow: FlowName,
  config: Pick<Config, 'mode' | 'loginUrl' | 'myDomainUrl' | 'clientSecret'>,
): FaultOption[] {
  return FAULTS[flow].filter(
    (fault) =>
      (config.mode === 'emulator' || !isOrgFault(fault.id)) &&
      (fault.id !== 'login-host' || !loginHostIsMyDomain(config)) &&
      (flow !== 'refresh-token' || config.clientSecret !== undefined || !SECRET_SPOILERS.includes(fault.id)),
  );
}

/** Whether SF_LOGIN_URL is the org's My Domain itself, so no call of this app goes to a generic login host. */
export function loginHostIsMyDomain(config: Pick<Config, 'loginUrl' | 'myDomainUrl'>): boolean {
  return config.myDomainUrl !== undefined && sameOrigin(config.loginUrl, config.myDomainUrl);
}

/** Words for armed or applied faults, in the order the catalogue lists them. */
export function faultWords(flow: FlowName | undefined, faults: readonly Fault[]): string[] {
  const options = flow ? FAULTS[flow] : Object.values(FAULTS).flat();
  return faults.map((id) => options.find((option) => option.id === id)?.label ?? id);
}

/**
 * Switches whose failure really ends the login's refresh token: one is revoked by this app before use, the other's
 * reuse makes Salesforce revoke the whole rotated family. Unlike the rest, the next refresh cannot run as usual.
 */
const LOGIN_ENDING: readonly Fault[] = ['revoked-refresh-token', 'reuse-refresh-token'];

export const endsTheLogin = (faults: readonly Fault[]): boolean =>
  faults.some((fault) => LOGIN_ENDING.includes(fault));

/**
 * An armed attempt that this app stopped before its first leg (no password typed, no replaced refresh token yet):
 * its switch never acted, so it neither caused the failure nor ended anything at Salesforce.
 */
export const stoppedBeforeSalesforce = (attempt: Pick<Attempt, 'faults' | 'ok' | 'transcript'>): boolean =>
  attempt.faults.length > 0 && attempt.ok === false && attempt.transcript.length === 0;
