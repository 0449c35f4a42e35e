// grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer: a signed assertion in exchange for an access token.
import { appAccess, findUserByUsername } from '../context.ts';
import { OAuthError } from '../errors.ts';
import { issueJwtBearerTokens } from '../responses.ts';
import { safeEqual } from '../secrets.ts';
import { checkExpiry, checkSignature, decodeAssertion } from './jwtAssertion.ts';
import type { Grant } from './types.ts';

/**
 * This org is a production org (its Organization record says IsSandbox false), whose assertions name the production
 * login host: test.salesforce.com is the sandboxes' (wire reference §5.1's aud table; its checklist in §10 lists the
 * audiences of every org type together), so it is refused here as another org type's audience, as sfdx-core expects
 * when it never pairs a production login with the sandbox audience. Salesforce's answer to that exact mix is not
 * quoted there: this is its wrong-aud one.
 */
const LOGIN_AUDIENCES = ['https://login.salesforce.com'];

export const jwtBearerGrant: Grant = {
  grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
  handler(ctx, params) {
    const decoded = decodeAssertion(params.assertion);
    const { claims } = decoded;
    // Unconfirmed which error an unknown iss gives; the token endpoint's unknown-client answer is the likeliest.
    if (typeof claims.iss !== 'string' || !safeEqual(claims.iss, ctx.options.clientId)) {
      throw OAuthError.invalidClientId();
    }
    checkSignature(decoded, ctx.state.certificateKey);
    // aud is the login host even when the request comes to My Domain: never the My Domain URL.
    checkAudience(claims.aud, ctx.baseUrl);
    checkExpiry(claims, ctx.now());
    // The legacy `prn` claim wins over `sub` when both are present.
    const username = typeof claims.prn === 'string' ? claims.prn : claims.sub;
    const user = typeof username === 'string' ? findUserByUsername(ctx, username) : undefined;
    // Users report the same "not approved" answer for a wrong username as for a missing approval.
    if (!user) throw OAuthError.invalidGrant("user hasn't approved this consumer");
    // Salesforce's answer for an inactive `sub` is unconfirmed (wire reference 5.5): this is the one its error table
    // gives an inactive user at the token endpoint.
    if (!user.active) throw OAuthError.invalidGrant('authentication failure');
    if (!appAccess(ctx, user, 'take', { grantType: jwtBearerGrant.grantType }).preAuthorized)
      throw OAuthError.invalidGrant("user hasn't approved this consumer");
    return issueJwtBearerTokens(ctx, user, ctx.state.settings.scopes);
  },
};

/** `aud` must be one full URL string: the production login host or this emulator's own login URL (never an array). */
function checkAudience(aud: unknown, baseUrl: string): void {
  const allowed = [...LOGIN_AUDIENCES, baseUrl];
  if (typeof aud !== 'string' || !allowed.includes(aud.replace(/\/$/, ''))) {
    throw OAuthError.invalidGrant('audience is invalid');
  }
}
