// Token exchange (RFC 8693), a grant Salesforce supports, answered as an org with no token exchange handler answers:
// the emulator has no Apex to run one, so every request meets "token handler not found".
import { OAuthError } from '../errors.ts';
import type { Grant } from './types.ts';

/**
 * Salesforce's words when no handler is enabled for the app (salesforce-wire-flows.md §5.3, one integration's
 * report). Which checks Salesforce makes before it looks for a handler (client, host, secret) is not recorded: none
 * is made here, so no refusal of another kind is invented; the request is refused all the same.
 */
const noHandler = () => OAuthError.invalidRequest('token handler not found');

/** The RFC's grant and the Mobile SDK's hybrid variant, which needs a handler just the same. */
export const tokenExchangeGrants: Grant[] = [
  'urn:ietf:params:oauth:grant-type:token-exchange',
  'urn:ietf:params:oauth:grant-type:hybrid-token-exchange',
].map((grantType) => ({
  grantType,
  handler() {
    throw noHandler();
  },
}));
