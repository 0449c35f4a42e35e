// The user a login page proposed (login_hint: the JWT page's "Approve once as …") against the one who signed in.
import { loginHintOf } from '../flows/loginOptions.ts';
import type { Login } from '../salesforce/tokens.ts';

export interface ProposedUser {
  /** Another user signed in ("Not you?"): the proposed one has allowed nothing, which matters most for the JWT user. */
  otherThanProposed?: { proposed: string; jwtUser: boolean };
  /**
   * The JWT bearer flow's user signed in as proposed: the approval that flow was refused for is in place now (given
   * at this login's Allow, or held already: pre-authorized or approved before), so the way on is back to that flow.
   */
  jwtApproved?: string;
}

export function proposedUser(login: Login, jwtUser: string): ProposedUser {
  const proposed = loginHintOf(Object.fromEntries(new URLSearchParams(login.attempt?.startQuery ?? '')));
  const user = login.identity?.username;
  if (!proposed || !user) return {};
  const isJwtUser = proposed.toLowerCase() === jwtUser.toLowerCase();
  if (proposed.toLowerCase() !== user.toLowerCase())
    return { otherThanProposed: { proposed, jwtUser: isJwtUser } };
  return isJwtUser ? { jwtApproved: user } : {};
}
