// The REST API on the emulator's My Domain, with the answer Salesforce gives a token sent to the login host
// instead of the instance_url that came with it.
import type express from 'express';
import { authenticate } from './bearer.ts';
import type { EmulatorContext } from './context.ts';
import { requestHost } from './hosts.ts';
import { identityUrl, ORG_ID, PROFILE_IDS, PROFILES } from './org.ts';
import { createRestApi } from './rest/router.ts';

export function mountRestApi(app: express.Express, ctx: EmulatorContext): { close(): Promise<void> } {
  const { options, now, state } = ctx;
  // The REST API lives on the instance (My Domain). On the login host a token gets what Salesforce gives an API
  // call that missed instance_url; the version list needs no session and answers on both.
  app.use('/services/data', (req, res, next) => {
    if (req.path === '/' || requestHost(ctx, req).kind === 'my-domain') return next();
    res
      .status(401)
      .set('Cache-Control', 'no-store')
      .json([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
  });
  const rest = createRestApi({
    authenticate: (token) => {
      const caller = authenticate(ctx, token);
      return caller ? { userId: caller.user.id, orgId: ORG_ID, scopes: caller.record.scopes } : undefined;
    },
    users: () =>
      ctx.users.map((u) => ({
        Id: u.id,
        Username: u.username,
        FirstName: u.firstName,
        LastName: u.lastName,
        Name: `${u.firstName} ${u.lastName}`,
        Email: u.email,
        IsActive: u.active,
        ProfileId: PROFILE_IDS[u.profile],
      })),
    profiles: () => PROFILES.map((name) => ({ Id: PROFILE_IDS[name], Name: name })),
    now,
    instanceUrl: options.myDomainUrl,
    identityUrl: (userId) => identityUrl(options.baseUrl, userId),
    dataDir: options.dataDir,
    onReset: (listener) => state.onReset(listener),
  });
  app.use(rest.router);
  return rest;
}
