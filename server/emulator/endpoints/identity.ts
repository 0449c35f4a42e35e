// The identity URL (/id/<org>/<user>) and OpenID userinfo: who the token's user is. Bad tokens get Bad_OAuth_Token.
import { Router, type Response } from 'express';
import { authenticate, bearerToken } from '../bearer.ts';
import { findUserById, type EmulatorContext } from '../context.ts';
import { identityUrl, ORG_ID, type OrgUser } from '../org.ts';

export function identityEndpoints(ctx: EmulatorContext): Router {
  const router = Router();
  router.all('/id/:orgId/:userId', (req, res) => {
    if (req.method !== 'GET' && req.method !== 'POST') return res.status(405).end();
    const caller = authenticate(ctx, bearerToken(req, true));
    if (!caller) return badToken(res);
    const subject = req.params.orgId === ORG_ID ? findUserById(ctx, req.params.userId) : undefined;
    if (!subject) return res.status(404).type('text/plain').send('Bad_Id');
    const canReadOthers = caller.record.scopes.some((scope) => scope === 'api' || scope === 'full');
    if (subject.id !== caller.user.id && !canReadOthers) return badToken(res);
    res.set('Cache-Control', 'no-store').json(identityDocument(ctx, subject));
  });
  router.all('/services/oauth2/userinfo', (req, res) => {
    const caller = authenticate(ctx, bearerToken(req));
    if (!caller) return badToken(res);
    res.set('Cache-Control', 'no-store').json(userinfoDocument(ctx, caller.user));
  });
  return router;
}

/** Salesforce answers a bad token here with 403 and a plain-text body, not JSON. */
function badToken(res: Response): void {
  res.status(403).type('text/plain').send('Bad_OAuth_Token');
}

/** The API URLs are on the org's own host (My Domain), like instance_url. */
function urls(ctx: EmulatorContext, user: OrgUser): Record<string, string> {
  const instance = ctx.myDomainUrl;
  const data = `${instance}/services/data/v{version}`;
  return {
    enterprise: `${instance}/services/Soap/c/{version}/${ORG_ID.slice(0, 15)}`,
    metadata: `${instance}/services/Soap/m/{version}/${ORG_ID.slice(0, 15)}`,
    partner: `${instance}/services/Soap/u/{version}/${ORG_ID.slice(0, 15)}`,
    rest: `${data}/`,
    sobjects: `${data}/sobjects/`,
    search: `${data}/search/`,
    query: `${data}/query/`,
    recent: `${data}/recent/`,
    profile: `${instance}/${user.id}`,
    users: `${data}/chatter/users`,
    custom_domain: instance,
  };
}

function identityDocument(ctx: EmulatorContext, user: OrgUser) {
  return {
    id: identityUrl(ctx.baseUrl, user.id),
    asserted_user: true,
    user_id: user.id,
    organization_id: ORG_ID,
    username: user.username,
    nick_name: user.username.split('@')[0],
    display_name: `${user.firstName} ${user.lastName}`,
    email: user.email,
    email_verified: true,
    first_name: user.firstName,
    last_name: user.lastName,
    timezone: 'America/Los_Angeles',
    photos: {
      picture: `${ctx.myDomainUrl}/profilephoto/005/F`,
      thumbnail: `${ctx.myDomainUrl}/profilephoto/005/T`,
    },
    urls: urls(ctx, user),
    active: user.active,
    user_type: 'STANDARD',
    language: 'en_US',
    locale: 'en_US',
    utcOffset: -28800000,
    last_modified_date: '2026-01-05T09:00:00Z',
    is_app_installed: true,
  };
}

function userinfoDocument(ctx: EmulatorContext, user: OrgUser) {
  return {
    sub: identityUrl(ctx.baseUrl, user.id),
    user_id: user.id,
    organization_id: ORG_ID,
    preferred_username: user.username,
    nickname: user.username.split('@')[0],
    name: `${user.firstName} ${user.lastName}`,
    email: user.email,
    email_verified: true,
    given_name: user.firstName,
    family_name: user.lastName,
    zoneinfo: 'America/Los_Angeles',
    urls: urls(ctx, user),
    active: user.active,
    user_type: 'STANDARD',
    language: 'en_US',
    locale: 'en_US',
    utcOffset: -28800000,
    updated_at: '2026-01-05T09:00:00Z',
    is_app_installed: true,
  };
}
