// grant_type=client_credentials: the app authenticates as itself (secret in the form or HTTP Basic) and gets a token
// acting as its Run As user. Only the org's My Domain serves it.
import { appAccess, findUserById } from '../context.ts';
import { OAuthError } from '../errors.ts';
import { issueClientCredentialsTokens } from '../responses.ts';
import { checkClientAuthentication } from './checks.ts';
import type { Grant } from './types.ts';

export const clientCredentialsGrant: Grant = {
  grantType: 'client_credentials',
  handler(ctx, params, request) {
    // Salesforce serves this grant on My Domain only (its documented rule); its misleading code is kept.
    if (request.host.kind !== 'my-domain')
      throw OAuthError.invalidGrant('request not supported on this domain');
    checkClientAuthentication(ctx, request, params);
    const { settings } = ctx.state;
    const noRunAs = ctx.faults.take('no-run-as', { grantType: clientCredentialsGrant.grantType });
    const runAs = settings.runAsUserId ? findUserById(ctx, settings.runAsUserId) : undefined;
    if (noRunAs || !settings.clientCredentialsEnabled || !runAs) {
      throw OAuthError.invalidGrant('no client credentials user enabled');
    }
    // Salesforce asks for a Run As user with the API Only permission; what it answers for one without it is
    // unconfirmed, so any active user is taken here (the setup guide and the explanation teach the rule).
    // Unconfirmed: an inactive Run As user is refused like any login of an inactive user.
    if (!runAs.active) throw OAuthError.invalidGrant('authentication failure');
    if (!appAccess(ctx, runAs, 'take', { grantType: clientCredentialsGrant.grantType }).permitted)
      throw OAuthError.invalidAppAccess();
    return issueClientCredentialsTokens(ctx, runAs);
  },
};
