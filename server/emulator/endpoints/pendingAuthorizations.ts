// The pages around a pending authorize request: its approval page's address, and the page for an id that names
// none (the requests themselves are held in ../pendingLogins.ts).
import type { PendingAuthorization } from '../authorizeRequest.ts';

/** The approval page of a pending request: a page of its own, which the login form redirects to. */
export const approvalUrl = (pending: PendingAuthorization): string =>
  `/services/oauth2/authorize/approve?${new URLSearchParams({ request: pending.id })}`;

/** An unknown, malformed, used-up or expired `request` id: one clear page, never a guess. */
export function unknownRequest() {
  return {
    title: 'Request expired',
    heading: 'This login request has expired',
    text: 'Start the login again from the application.',
    // The common way here is Back after an answer, and the emulator cannot tell which application to link to.
    note: 'Came back here after Allow or Deny? That answer went to the application already: go back to it and start the login again there.',
    code: 'expired',
  };
}
