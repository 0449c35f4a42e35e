// The shape every grant module exports; the token endpoint dispatches on grantType through a Map.
import type { EmulatorContext } from '../context.ts';
import type { Params } from '../params.ts';
import type { TokenResponse } from '../responses.ts';

export interface Grant {
  grantType: string;
  /** Parameters the grant reads; anything else in the request is ignored, as Salesforce does. */
  parameters: readonly string[];
  handler(ctx: EmulatorContext, params: Params, request: { authorization?: string }): TokenResponse;
}
