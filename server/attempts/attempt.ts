// One flow attempt as the visitor's session keeps it: the record the teaching layer shows, and where flows write it.
import type { OrgFault } from '../orgFaults.ts';

/** Every flow, by the name its page has (/flows/<name>). */
export const FLOW_IDS = [
  'jwt',
  'web-server',
  'user-agent',
  'client-credentials',
  'refresh-token',
  'device',
  'username-password',
] as const;
export type FlowName = (typeof FLOW_IDS)[number];

/** Whether a value from a request (a form field, a path segment) names a flow. */
export const isFlowName = (name: unknown): name is FlowName => FLOW_IDS.includes(name as FlowName);

/** A "break it" fault of this app's own requests: makes the next attempt wrong on purpose. */
export type AppFault =
  | 'wrong-aud'
  | 'expired-exp'
  | 'other-key'
  | 'wrong-redirect-uri'
  | 'replay-code'
  | 'missing-verifier'
  | 'tampered-state'
  | 'no-pkce'
  | 'no-secret'
  | 'wrong-secret'
  | 'login-host'
  | 'reuse-refresh-token'
  | 'revoked-refresh-token'
  | 'poll-too-fast'
  | 'rfc-grant-type'
  | 'no-security-token'
  | 'wrong-password';

/** App faults change this app's request; org faults change the org's settings for the next request (emulator). */
export type Fault = AppFault | OrgFault;

/** One leg of a flow: a browser redirect, the callback, or a server-to-Salesforce call. Values are raw. */
export interface TranscriptEntry {
  id: string;
  at: number;
  kind: 'redirect' | 'callback' | 'server-call';
  /** Which step of the flow: authorize, callback, token, identity, versions, query, jwks, revoke, ... */
  leg: string;
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  status?: number;
  /** The response headers that teach something (see keptResponseHeaders); the others are only counted. */
  responseHeaders?: Record<string, string>;
  /** How many other headers came: the security and transport headers every response carries. */
  otherResponseHeaders?: number;
  /** The start of the body: long bodies are stored short to keep sessions small. */
  responseBody?: string;
  /** The body's full length, when responseBody holds only its start. */
  responseBytes?: number;
  durationMs?: number;
  /** A network failure or timeout, when no response came back. */
  error?: string;
}

/** A check made visible: state, PKCE, nonce, signature, id_token, hosts, key/certificate, clock skew. */
export interface Check {
  id: string;
  /** What is checked, in words that read right whatever the outcome ("state check"). */
  label: string;
  passed: boolean;
  /** False when the check could not run (nothing to check, or left out on purpose): never shown as passed. */
  performed?: boolean;
  detail: string;
  why: string;
}

/** An error as received or raised, for display and explanation. */
export interface ReceivedError {
  error: string;
  error_description?: string;
  status?: number;
  /** Where it came from: the token endpoint, a redirect (?error=, #error=), the REST API, the network, this app. */
  source: 'token' | 'redirect' | 'fragment' | 'rest' | 'network' | 'app';
}

export interface Attempt {
  id: string;
  flow: FlowName;
  startedAt: number;
  transcript: TranscriptEntry[];
  checks: Check[];
  faults: Fault[];
  /** Raw JWTs seen during the attempt, for decoding. */
  assertion?: string;
  idToken?: string;
  error?: ReceivedError;
  /** Set when the attempt ends; a finished attempt never changes again. */
  ok?: boolean;
  /**
   * A callback that came back a second time (Back, Reload, a bookmark) when its flow showed no finished attempt to go
   * back to (replayedAttemptUrl): its own attempt, labelled so.
   */
  replay?: boolean;
  /**
   * The pre-flight found that Salesforce would refuse the login: on its own error page ('page'), or by sending the
   * browser straight back to the callback with the error ('callback'). The browser was not sent there.
   */
  preflightRefused?: 'page' | 'callback';
  /** The login choices a redirect flow started with (login_hint, scope, prompt), to start again with them. */
  startQuery?: string;
  /**
   * What the flow page's form chose for a flow with no redirect (never a password), shown chosen again; and whether
   * the username-password run's Security token field was empty, so that the password went alone.
   */
  input?: { username?: string; basic?: boolean; noSecurityToken?: boolean };
  /**
   * "New attempt and copy" for a spent code: the web server login ended at a checked callback, and the exchange was
   * not sent; this is the request that would send it, for the learner to send from their own tools.
   */
  handedOver?: { tokenRequest: Record<string, string> };
  /**
   * The signed-in attempt's token answered a call on the instance (identity or a query). Kept apart from the legs:
   * later calls replace those, and a revoke or a typo in one is that call's error, not the sign-in's.
   */
  tokenWorked?: boolean;
}

/** Where a flow reports what it does, leg by leg and check by check, so the teaching layer can show it. */
export interface AttemptLog {
  entry(entry: TranscriptEntry): void;
  check(check: Check): void;
  jwt(kind: 'assertion' | 'idToken', token: string): void;
}

/** This app refused to go on: a check failed or a local file is unusable (never Salesforce's own answer). */
export class FlowError extends Error {
  override name = 'FlowError';
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
  }
}
