// Everything the teaching panel shows for one attempt, computed once per render.
import type { Config } from '../config.ts';
import { isOrgFault } from '../orgFaults.ts';
import type { Attempt, Fault, Check, FlowName } from '../attempts/attempt.ts';
import { decodeJwt, type DecodedJwt } from './decode.ts';
import { diagramSteps, PARTIES, type DiagramStep } from './diagram.ts';
import { contextOf, explain, type ExplainedError } from './explainer/explain.ts';
import { clockSkewCheck } from './checks.ts';
import { entryView, secretsOf, type EntryView } from './transcript.ts';

export const FAULTS: Record<FlowName, { id: Fault; label: string }[]> = {
  jwt: [
    { id: 'wrong-aud', label: 'Wrong aud (https://wrong-audience.example.com)' },
    { id: 'expired-exp', label: 'Expired exp (5 minutes ago)' },
    { id: 'other-key', label: 'Sign with another key' },
  ],
  'web-server': [
    { id: 'wrong-redirect-uri', label: 'Wrong redirect_uri at the code exchange' },
    { id: 'replay-code', label: 'Replay the code (exchange it twice)' },
    { id: 'missing-verifier', label: 'Leave out the code_verifier' },
    { id: 'tampered-state', label: 'Tamper with state' },
  ],
  'user-agent': [{ id: 'tampered-state', label: 'Tamper with state' }],
  'client-credentials': [
    { id: 'login-host', label: 'Send it to the login host instead of My Domain' },
    { id: 'wrong-secret', label: 'Send a wrong client secret' },
    { id: 'no-run-as', label: 'Remove the Run As user (an org setting)' },
  ],
  'refresh-token': [
    { id: 'reuse-refresh-token', label: 'Reuse the refresh token that rotation replaced' },
    { id: 'revoked-refresh-token', label: 'Revoke the refresh token first' },
    { id: 'wrong-secret', label: 'Send a wrong client secret' },
    { id: 'no-secret', label: 'Leave out the client secret' },
  ],
  device: [
    { id: 'poll-too-fast', label: 'Poll without waiting for interval' },
    {
      id: 'rfc-grant-type',
      label: "Poll with RFC 8628's grant_type (urn:ietf:params:oauth:grant-type:device_code)",
    },
    { id: 'device-blocked', label: 'Block the device flow for uninstalled apps (an org setting)' },
  ],
  'username-password': [
    { id: 'no-security-token', label: 'Leave out the security token' },
    { id: 'wrong-password', label: 'Send a wrong password' },
  ],
};

/** The faults a flow page offers: org-side ones only where the org is the local emulator. */
export function offeredFaults(flow: FlowName, mode: Config['mode']): { id: Fault; label: string }[] {
  return FAULTS[flow].filter((fault) => mode === 'emulator' || !isOrgFault(fault.id));
}

export interface PanelView {
  flow: FlowName;
  parties: readonly string[];
  steps: DiagramStep[];
  checks: Check[];
  transcript: EntryView[];
  assertion?: DecodedJwt;
  idToken?: DecodedJwt;
  error?: { error: string; error_description?: string; status?: number; explained: ExplainedError };
  faults: Fault[];
}

export function panelView(
  attempt: Attempt,
  config: Pick<Config, 'clientSecret' | 'callbackUrl'>,
  nowMs = Date.now(),
): PanelView {
  const secrets = secretsOf(attempt, [config.clientSecret]);
  const skew = clockSkewCheck(attempt.transcript);
  return {
    flow: attempt.flow,
    parties: PARTIES,
    steps: diagramSteps(attempt),
    checks: skew ? [...attempt.checks, skew] : attempt.checks,
    transcript: attempt.transcript.map((entry) => entryView(entry, secrets)),
    assertion: decodeJwt(attempt.assertion),
    idToken: decodeJwt(attempt.idToken),
    error: attempt.error
      ? { ...attempt.error, explained: explain(attempt.error, contextOf(attempt, config.callbackUrl, nowMs)) }
      : undefined,
    faults: attempt.faults,
  };
}
