// The explainer's shapes: what the request looked like, and what an error most likely means.
import type { Fault, FlowName } from '../../attempts/attempt.ts';

/**
 * Where every connected app setting starts. Then, from the menu at the end of the app's row: View (consumer details),
 * Edit (OAuth settings) or Manage (policies).
 */
export const APP_MANAGER = 'Setup → App Manager → your app';

/**
 * Where an External Client App shows its key and secret (after Salesforce verifies the viewer's identity), as the
 * Headless Identity guide's "Get Your Consumer Key" page walks it.
 */
export const ECA_KEYS =
  'External Client App: External Client App Manager → your app → Settings → OAuth Settings → Consumer Key and Secret';

/** For a refusal the local emulator makes only when a "break it" switch arms it: no Setup setting changes it. */
export const ONLY_A_SWITCH =
  'The local emulator has no such setting: only this playground\'s "break it" switch makes it, for the one attempt it was armed for. Run again without it.';

/** What the app knows about the request that failed, so one error code can get the right explanation. */
export interface ExplainContext {
  flow?: FlowName;
  /**
   * The grant_type of a pasted request, as sent (decoded): it tells the flow for certain, where a tool's words only
   * hint at it. A flow of this app's own has none here: its flow says it.
   */
  grantType?: string;
  /** Whether the token request carried a client_secret / a code_verifier. */
  sentSecret?: boolean;
  sentVerifier?: boolean;
  /** Claims of the JWT bearer assertion that was sent. */
  iss?: string;
  aud?: string;
  sub?: string;
  exp?: number;
  nowMs?: number;
  /** The token call's answer: Salesforce's Date header, and when this machine sent the call (its own clock). */
  serverDate?: string;
  sentAtMs?: number;
  sentDurationMs?: number;
  redirectUri?: string;
  /** The scopes the authorize request or the device authorization asked for, as sent. */
  scope?: string;
  /** The consumer key the request carried. */
  clientId?: string;
  /** A pasted REST call went to this generic login host (https://login.salesforce.com…), not to instance_url. */
  apiLoginHost?: string;
  /** A pasted call to the token, revoke or introspect endpoint went to this generic login host. */
  oauthLoginHost?: string;
  configuredCallback?: string;
  /** SF_CALLBACK_URL is not set here: configuredCallback follows PORT. */
  callbackFromPort?: boolean;
  /** The username a username-password request carried (its password is never kept). */
  username?: string;
  /** The username-password run's Security token field was empty: the password went without one. */
  noSecurityToken?: boolean;
  /** A host that answered earlier in the attempt and then gave no answer: its address is right. */
  answeredBefore?: string;
  /** The call was this app's server's own (the result page's query and tools): no browser's cookies went with it. */
  byServer?: boolean;
  /** After a sign-in that worked: the instance Salesforce named in it (the result page's calls go there). */
  signedInAt?: string;
  /** A pasted refresh request carried refresh_token empty (or undefined, null): the client lost it. */
  emptyRefreshToken?: boolean;
  /** A pasted CORS refusal's page origin, as the browser's line names it ("null" for a file:// page). */
  pageOrigin?: string;
  /** The paste is Auth.js's log ([auth][error], @auth/core): its own settings are named, no one else's. */
  authJs?: boolean;
  /** The faults the attempt was armed with ("break it"): the cause, when the learner asked for it. */
  faults?: readonly Fault[];
}

export interface Explanation {
  key: string;
  title: string;
  likelyMeaning: string;
  howToFix: string;
  whatNotToDo: string;
  /**
   * What holds only when the org is the local emulator, said only then: a condition only a "break it" switch
   * creates there (no setting on its Setup page to change), said instead of pointing to that page, or its demo values.
   */
  inEmulator?: string;
  /** Said after the link to the emulator's Setup page, only when the org is the local emulator: its own values. */
  emulatorHint?: string;
  /** The fix changes a setting, which the playground reads at start: the page says to restart it. */
  restartAfter?: boolean;
}

export interface Rule extends Explanation {
  error: string;
  /** Explains only a call this app made (its context says so): never offered for a paste, which may be a browser's. */
  ownCallsOnly?: boolean;
  /** Matched case-insensitively against error_description (string: equality; RegExp: test). */
  description?: string | RegExp;
  when?: (context: ExplainContext) => boolean;
  /** Adds what the request itself shows (the exact aud sent, the exact redirect_uri...). */
  detail?: (context: ExplainContext) => string | undefined;
}

/** An error read from pasted text (pasted.ts): Salesforce's error and description, or a client's own failure. */
export interface PastedError {
  error: string;
  error_description?: string;
  /** Not Salesforce's answer: the client's own failure (a key it could not read, a certificate it did not trust). */
  fromClient?: boolean;
  /** The client's failure was a check of Salesforce's answer (an id_token's iss or nonce): the answer did come. */
  refusedAnswer?: boolean;
  /** The answer was a proxy's own error page, signed with its name (nginx's): not Salesforce's. */
  proxy?: string;
  /** The status came with the body's first characters (PHP Guzzle's 120), not without the body. */
  bodyStart?: boolean;
}
