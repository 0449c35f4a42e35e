// Shared shapes of one flow attempt as kept in the visitor's session: what the teaching layer shows.
export type FlowName = 'jwt' | 'web-server' | 'user-agent';

/** Switches that make the next attempt wrong on purpose ("break it"). */
export type BreakSwitch =
  | 'wrong-aud'
  | 'expired-exp'
  | 'other-key'
  | 'wrong-redirect-uri'
  | 'replay-code'
  | 'missing-verifier'
  | 'tampered-state';

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
  responseHeaders?: Record<string, string>;
  responseBody?: string;
  durationMs?: number;
  /** A network failure or timeout, when no response came back. */
  error?: string;
}

/** A check made visible: state matched, PKCE recomputed, nonce, signature, key/certificate, clock skew. */
export interface Check {
  id: string;
  label: string;
  passed: boolean;
  detail: string;
  why: string;
}

/** A Salesforce OAuth or REST error as received, for display and explanation. */
export interface ReceivedError {
  error: string;
  error_description?: string;
  status?: number;
  /** Where it came from: the token endpoint, a redirect (?error=, #error=), the REST API. */
  source: 'token' | 'redirect' | 'fragment' | 'rest' | 'network' | 'app';
}

export interface Attempt {
  id: string;
  flow: FlowName;
  startedAt: number;
  transcript: TranscriptEntry[];
  checks: Check[];
  faults: BreakSwitch[];
  /** Raw JWTs seen during the attempt, for decoding. */
  assertion?: string;
  idToken?: string;
  error?: ReceivedError;
  ok?: boolean;
}
