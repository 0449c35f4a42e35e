// The authorize requests waiting in this browser's session for a login or an approval: found by the id a form
// sends back, forgotten once answered, and the page for an id that names none.
import type { Request } from 'express';
import type { PendingAuthorization } from '../authorizeRequest.ts';

/** Pending ids are 16 random bytes in hex: anything else (`__proto__`, `constructor`...) is refused unread. */
const PENDING_ID = /^[0-9a-f]{32}$/;

/**
 * The pending request named by `id` (a form's `request` field, or the approval page's query), looked up as an own
 * key of a well-formed id only.
 */
export function findPending(req: Request, id: unknown = req.body?.request): PendingAuthorization | undefined {
  const pendings = req.session.sfPending;
  if (typeof id !== 'string' || !PENDING_ID.test(id) || !pendings || !Object.hasOwn(pendings, id)) {
    return undefined;
  }
  return pendings[id];
}

export function forgetPending(req: Request, id: string): void {
  if (req.session.sfPending && Object.hasOwn(req.session.sfPending, id)) delete req.session.sfPending[id];
}

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
