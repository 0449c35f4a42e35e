// What a successful login leaves in the visitor's session: the token response and what was learned with it.
import { FlowError, type Attempt, type FlowName, type TranscriptEntry } from '../attempts/attempt.ts';

/** A token response as Salesforce sends it (wire names kept); fields depend on the flow. */
export interface TokenSet {
  access_token: string;
  instance_url: string;
  id: string;
  token_type: string;
  scope?: string;
  refresh_token?: string;
  signature?: string;
  issued_at?: string;
  id_token?: string;
  /** "jwt" from an app that issues JWT-based access tokens. */
  token_format?: string;
}

export interface Identity {
  username: string;
  display_name?: string;
  email?: string;
  user_id?: string;
  organization_id?: string;
}

export interface Login {
  /** The sign-in this login began with: a refresh keeps it, and form tokens are bound to it (csrf.ts). */
  id?: string;
  flow: FlowName;
  /** A refresh's login: the flow it began with, which a login whose refresh token is dead must run again. */
  signedInWith?: FlowName;
  tokens: TokenSet;
  /** When this app received the token (ms), for flows whose response has no issued_at. */
  receivedAt: number;
  identity?: Identity;
  apiVersion?: string;
  /** Set when apiVersion came from the list an earlier sign-in read (see apiVersions.ts): when it was read. */
  apiVersionListedAt?: number;
  /** The refresh token a rotation replaced: reusing it is the rotation lesson (it revokes the family). */
  previousRefreshToken?: string;
  /**
   * Salesforce answered this login's refresh with "expired access/refresh token": its refresh token (with rotation,
   * every token of the login) no longer works, so the result page stops offering a refresh and says so.
   */
  refreshRefused?: { at: number; description?: string };
  /** The visitor revoked a token of this login with the token tools: the page says so rather than guess why. */
  revokedByTool?: { token: 'access' | 'refresh'; at: number };
  /** The finished attempt that signed the visitor in. */
  attempt?: Attempt;
  /** Calls made with the token after the login (result page, token tools), newest last. */
  activity?: TranscriptEntry[];
}

/** The token endpoint's answer read as JSON: an empty body or text is something other than Salesforce's answer. */
export function tokenAnswerJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    const what = body.trim() === '' ? 'an empty body' : 'not JSON';
    throw new FlowError('token_response_incomplete', `the token endpoint's answer is ${what}`);
  }
}

/** Checks the fields every flow's response must carry and drops anything unexpected. */
export function parseTokenSet(body: unknown): TokenSet {
  const source = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const text = (name: string) => (typeof source[name] === 'string' ? (source[name] as string) : undefined);
  const required = (name: string) => {
    const value = text(name);
    if (!value) throw new FlowError('token_response_incomplete', `the token response has no ${name}`);
    return value;
  };
  const tokens: TokenSet = {
    access_token: required('access_token'),
    instance_url: required('instance_url'),
    id: required('id'),
    token_type: text('token_type') ?? 'Bearer',
  };
  // Sent next in an Authorization header, where only visible ASCII may go: any other byte would fail every call as
  // if Salesforce had not answered. Salesforce's tokens (00D…!…, or a JWT) never hold one.
  if (!/^[\x21-\x7e]+$/.test(tokens.access_token)) {
    throw new FlowError(
      'token_response_incomplete',
      'the access_token holds characters no HTTP header may carry',
    );
  }
  for (const name of [
    'scope',
    'refresh_token',
    'signature',
    'issued_at',
    'id_token',
    'token_format',
  ] as const) {
    const value = text(name);
    if (value) tokens[name] = value;
  }
  return tokens;
}
