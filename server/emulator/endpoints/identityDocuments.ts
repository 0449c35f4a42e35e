// The identity URL's and userinfo's documents with Salesforce's full field lists (salesforce-wire.md §8.1,
// salesforce-wire-flows.md §8.5). API URLs carry {version} unless the caller asks for one (`latest` = newest).
import type { EmulatorContext } from '../context.ts';
import { identityUrl, ORG_ID, ORG_ID_15, type OrgUser } from '../org.ts';
import { NEWEST_VERSION, parseVersion } from '../rest/versions.ts';

const TIME_ZONE = 'America/Los_Angeles';
/** Milliseconds, as Salesforce reports it (the zone's standard offset). */
const UTC_OFFSET = -28_800_000;
const LAST_MODIFIED = '2026-01-05T09:00:00Z';

/** `latest` or a version the org has (68.0); anything else keeps the literal placeholder. */
export function versionFor(requested: string | undefined): string {
  if (requested?.toLowerCase() === 'latest') return `${NEWEST_VERSION}.0`;
  return (requested && parseVersion(`v${requested}`)) || '{version}';
}

/** Where the API lives: the instance, the org's My Domain. */
const instance = (ctx: EmulatorContext) => ctx.myDomainUrl;

function urls(ctx: EmulatorContext, user: OrgUser, version: string): Record<string, string> {
  const base = instance(ctx);
  const data = `${base}/services/data/v${version}`;
  return {
    enterprise: `${base}/services/Soap/c/${version}/${ORG_ID_15}`,
    metadata: `${base}/services/Soap/m/${version}/${ORG_ID_15}`,
    partner: `${base}/services/Soap/u/${version}/${ORG_ID_15}`,
    rest: `${data}/`,
    sobjects: `${data}/sobjects/`,
    search: `${data}/search/`,
    query: `${data}/query/`,
    recent: `${data}/recent/`,
    tooling_soap: `${base}/services/Soap/T/${version}/${ORG_ID_15}`,
    tooling_rest: `${data}/tooling/`,
    profile: `${base}/${user.id}`,
    feeds: `${data}/chatter/feeds`,
    groups: `${data}/chatter/groups`,
    users: `${data}/chatter/users`,
    feed_items: `${data}/chatter/feed-items`,
    feed_elements: `${data}/chatter/feed-elements`,
    custom_domain: base,
  };
}

function photos(ctx: EmulatorContext) {
  return { picture: `${instance(ctx)}/profilephoto/005/F`, thumbnail: `${instance(ctx)}/profilephoto/005/T` };
}

/** The keys both documents share, in the order both list them. */
function accountFields(ctx: EmulatorContext, user: OrgUser, version: string) {
  return {
    urls: urls(ctx, user, version),
    active: user.active,
    user_type: 'STANDARD',
    language: 'en_US',
    locale: 'en_US',
    utcOffset: UTC_OFFSET,
  };
}

/** `caller`: the token's own user. "asserted_user": whether the token was issued for this identity (Salesforce). */
export function identityDocument(ctx: EmulatorContext, user: OrgUser, caller: OrgUser, version: string) {
  return {
    id: identityUrl(ctx.baseUrl, user.id),
    asserted_user: user.id === caller.id,
    user_id: user.id,
    organization_id: ORG_ID,
    username: user.username,
    nick_name: user.username.split('@')[0],
    display_name: `${user.firstName} ${user.lastName}`,
    email: user.email,
    email_verified: true,
    first_name: user.firstName,
    last_name: user.lastName,
    timezone: TIME_ZONE,
    photos: photos(ctx),
    addr_street: null,
    addr_city: null,
    addr_state: null,
    addr_country: 'US',
    addr_zip: null,
    mobile_phone: null,
    mobile_phone_verified: false,
    is_lightning_login_user: false,
    status: { created_date: null, body: null },
    ...accountFields(ctx, user, version),
    last_modified_date: LAST_MODIFIED,
    is_app_installed: true,
  };
}

export function userinfoDocument(ctx: EmulatorContext, user: OrgUser, version: string) {
  const picture = photos(ctx);
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
    zoneinfo: TIME_ZONE,
    photos: picture,
    profile: `${instance(ctx)}/${user.id}`,
    picture: picture.picture,
    address: { country: 'US' },
    is_salesforce_integration_user: false,
    ...accountFields(ctx, user, version),
    updated_at: LAST_MODIFIED,
    is_app_installed: true,
  };
}
