// Each flow's diagram: its steps between the four parties, in order, and what shows each one happened.
import type { FlowName } from '../attempts/attempt.ts';
import {
  answerTaken,
  deviceApproval,
  devicePolls,
  leg,
  run,
  started,
  type StepDef,
} from './diagramEvidence.ts';
import {
  clientCredentialsToken,
  deviceApprovalLabel,
  devicePolling,
  jwtSigning,
  passwordExchange,
  refreshExchange,
} from './diagramServerLabels.ts';
import { API } from './diagramApiStep.ts';
import { JWT_GRANT_TYPE } from '../flows/jwtBearer.ts';
import { REDIRECT_STEPS } from './diagramRedirectFlows.ts';

export const STEPS: Record<FlowName, StepDef[]> = {
  ...REDIRECT_STEPS,
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
      label: jwtSigning,
      evidence: (a) => (a.assertion ? 'done' : a.error ? 'failed' : undefined),
    },
    {
      from: 'This app',
      to: 'Salesforce login',
      // The whole URN, as sent: a shortened grant_type is refused (unsupported_grant_type).
      label: `POST /services/oauth2/token with grant_type=${JWT_GRANT_TYPE} and the assertion`,
      evidence: answerTaken(leg('token')),
    },
    ...API,
  ],
  'client-credentials': [
    run('Run: ask this app to get a token as itself'),
    {
      from: 'This app',
      // My Domain, the org's own host (where instance_url points), unless the login-host switch sent it elsewhere.
      to: (attempt) => (attempt.faults.includes('login-host') ? 'Salesforce login' : 'Salesforce instance'),
      label: clientCredentialsToken,
      evidence: answerTaken(leg('token')),
    },
    ...API,
  ],
  'refresh-token': [
    run("Run: trade this session's refresh token for a new access token"),
    {
      from: 'This app',
      to: 'Salesforce login',
      label: refreshExchange,
      evidence: answerTaken(leg('token')),
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
      label: deviceApprovalLabel,
      evidence: deviceApproval,
    },
    {
      from: 'This app',
      to: 'Salesforce login',
      label: devicePolling,
      evidence: devicePolls,
    },
    ...API,
  ],
  'username-password': [
    run("Run: hand this app the user's username, password and security token"),
    {
      from: 'This app',
      to: 'Salesforce login',
      label: passwordExchange,
      evidence: answerTaken(leg('token')),
    },
    ...API,
  ],
};
