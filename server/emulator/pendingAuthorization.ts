// What a valid /authorize request becomes while it waits for a login or an approval (held in pendingLogins.ts).

/** A valid authorize request (authorizeRequest.ts) waiting for a login or an approval. */
export interface PendingAuthorization {
  id: string;
  responseType: 'code' | 'token';
  withIdToken: boolean;
  redirectUri: string;
  scopes: string[];
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  prompt: string[];
  /** immediate=true: sign in without any page (a logged-in user who approved before), or fail at once. */
  immediate: boolean;
  loginHint?: string;
  /** The host the browser was sent to: a user-agent id_token names it as issuer (by its own name, hosts.ts). */
  host: string;
  /** Where the browser reaches that host: its error page is sent there. */
  pageHost: string;
}
