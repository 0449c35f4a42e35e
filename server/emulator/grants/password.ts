// grant_type=password: the username-password flow, blocked unless the org allows it ("Allow OAuth Username-Password
// Flows", off since Summer '23). The password is the user's password followed by their security token.
import { appAccess, blockedAsUninstalled, findUserByUsername } from '../context.ts';
import { OAuthError } from '../errors.ts';
import { securityToken } from '../org.ts';
import { issuePasswordTokens } from '../responses.ts';
import { safeEqual } from '../secrets.ts';
import { checkClientAuthentication } from './checks.ts';
import type { Grant } from './types.ts';

/** Salesforce's answer to nearly every failure of this flow; the real reason is only in Login History. */
const authenticationFailure = () => OAuthError.invalidGrant('authentication failure');

export const passwordGrant: Grant = {
  grantType: 'password',
  handler(ctx, params, request) {
    if (!ctx.state.org.allowUsernamePassword) throw authenticationFailure();
    checkClientAuthentication(ctx, request, params);
    const user = findUserByUsername(ctx, params.username ?? '');
    if (!user || ctx.logins.isLocked(user.id)) throw authenticationFailure();
    const expected = ctx.options.password + securityToken(ctx.options.password, user.id);
    if (!safeEqual(params.password ?? '', expected)) {
      // A wrong password (or a missing or stale token) counts toward the lockout, as at the login page.
      ctx.logins.recordFailure(user.id);
      throw authenticationFailure();
    }
    if (!user.active) throw authenticationFailure();
    // Under "Admin approved users are pre-authorized", Salesforce refuses an API login by a user the app is not
    // assigned to (Login History: "Failed: Not approved for access", knowledge article 000212208). On the wire this
    // grant answers nearly every refusal the same way, the reason only in Login History.
    if (!appAccess(ctx, user, 'take', { grantType: passwordGrant.grantType }).permitted)
      throw authenticationFailure();
    // An uninstalled app, a user who never authorized it: blocked too, with this grant's one answer (unconfirmed).
    if (blockedAsUninstalled(ctx, user)) throw authenticationFailure();
    ctx.logins.recordSuccess(user.id);
    return issuePasswordTokens(ctx, user);
  },
};
