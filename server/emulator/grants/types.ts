// The shape every grant module exports; the token endpoint dispatches on grantType through a Map.
import type { EmulatorContext } from '../context.ts';
import type { Host } from '../hosts.ts';
import type { Params } from '../params.ts';
import type { TokenResponse } from '../responses.ts';

/**
 * A grant reads the parameters it needs and ignores every other one, as Salesforce does (jsforce sends client_id,
 * client_secret, redirect_uri and code_verifier to every grant). There is deliberately no generic list of required
 * parameters: a missing one gets the answer Salesforce gives for it (no client_id is invalid_client_id, no verifier
 * is invalid code verifier...), which a generic "missing parameter" error would replace with an invented one.
 */
export interface GrantRequest {
  /** The Authorization header, for client authentication with HTTP Basic. */
  authorization?: string;
  /** Which host the request came to: client credentials need My Domain; an id_token names it as issuer. */
  host: Host;
}

export interface Grant {
  grantType: string;
  handler(ctx: EmulatorContext, params: Params, request: GrantRequest): TokenResponse;
}
