// The redirect flows' diagrams (web server, user-agent): the browser goes to Salesforce's login and comes back.
import {
  answerTaken,
  authorizeRedirect,
  callbackError,
  checks,
  leg,
  type StepDef,
} from './diagramEvidence.ts';
import { API } from './diagramApiStep.ts';
import {
  loginStep,
  userAgentAuthorize,
  userAgentCallback,
  userAgentRedirect,
  webServerAuthorize,
  webServerCallback,
  webServerExchange,
  webServerRedirect,
} from './diagramLabels.ts';

export const REDIRECT_STEPS: Record<'web-server' | 'user-agent', StepDef[]> = {
  'web-server': [
    {
      from: 'This app',
      to: 'Browser',
      label: webServerAuthorize,
      evidence: authorizeRedirect,
    },
    { from: 'Browser', to: 'Salesforce login', label: loginStep, evidence: callbackError },
    {
      from: 'Salesforce login',
      to: 'Browser',
      label: webServerRedirect,
      evidence: leg('callback'),
    },
    {
      from: 'Browser',
      to: 'This app',
      label: webServerCallback,
      evidence: checks('state', 'pkce'),
    },
    {
      from: 'This app',
      to: 'Salesforce login',
      label: webServerExchange,
      evidence: answerTaken(leg('token')),
    },
    ...API,
  ],
  'user-agent': [
    {
      from: 'This app',
      to: 'Browser',
      label: userAgentAuthorize,
      evidence: authorizeRedirect,
    },
    { from: 'Browser', to: 'Salesforce login', label: loginStep, evidence: callbackError },
    {
      from: 'Salesforce login',
      to: 'Browser',
      label: userAgentRedirect,
      evidence: leg('callback'),
    },
    {
      from: 'Browser',
      to: 'This app',
      label: userAgentCallback,
      evidence: answerTaken(checks('state', 'signature', 'nonce', 'id-token')),
    },
    ...API,
  ],
};
