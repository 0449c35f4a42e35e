// JWT-based access tokens ("Issue JSON Web Token (JWT)-based access tokens for named users"): RS256, signed with the
// key /id/keys publishes, in the header and claims of the Mobile SDK's fixture token (wire reference, flows §9.1).
import { createHash, createSign } from 'node:crypto';
import { poolRandomBytes } from '../randomPool.ts';
import type { EmulatorContext } from './context.ts';
import { namedUserJwtLifetimeMs } from './namedUserJwt.ts';
import { ORG_ID, type OrgUser } from './org.ts';

/** The fixture's token has its nbf 15 s before its iat: room for clocks a little behind. */
export const NOT_BEFORE_LEEWAY_S = 15;

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A new access token for `user`, a JWT when the app issues them: the token and whether it is one (its response then
 * says "token_format":"jwt"). Its lifetime is fixed at issue, by the app's JWT timeout.
 */
export function newAccessToken(
  ctx: EmulatorContext,
  user: OrgUser,
  scopes: string[],
  familyKey?: string,
): { token: string; jwt: boolean } {
  const { tokens, settings } = ctx.state;
  if (!settings.namedUserJwtEnabled) {
    return { token: tokens.issueAccessToken(user.id, scopes, ctx.tokenLifetimeMs, familyKey), jwt: false };
  }
  const lifetimeMs = namedUserJwtLifetimeMs(settings, ctx.tokenLifetimeMs);
  const sign = (issuedAt: number, expiresAt: number) =>
    signAccessToken(ctx, user, scopes, issuedAt, expiresAt);
  return { token: tokens.issueAccessToken(user.id, scopes, lifetimeMs, familyKey, sign), jwt: true };
}

function signAccessToken(
  ctx: EmulatorContext,
  user: OrgUser,
  scopes: string[],
  issuedAt: number,
  expiresAt: number,
): string {
  const { kid, privateKeyPem } = ctx.state.signingKey;
  // The fixture's kid ("CORE_ATJWT.<org>.<ms>") names a key of Salesforce's own; here the one /id/keys publishes, so
  // that a client can verify the token as it verifies an id_token. tnk is the fixture's "core/<instance>/<org id>".
  const header = {
    tnk: `core/emulator/${ORG_ID}`,
    ver: '1.0',
    kid,
    tty: 'sfdc-core-token',
    typ: 'JWT',
    alg: 'RS256',
  };
  const iat = issuedAt / 1000;
  const claims = {
    scp: scopes.join(' '),
    aud: [ctx.myDomainUrl],
    sub: `uid:${user.id}`,
    nbf: iat - NOT_BEFORE_LEEWAY_S,
    mty: 'oauth',
    // 64 hex digits in the fixture, its meaning undocumented: here random, which also keeps two tokens issued in
    // the same second to the same user apart (each is filed under its own hash).
    sfi: createHash('sha256').update(poolRandomBytes(32)).digest('hex'),
    roles: [],
    iss: ctx.myDomainUrl,
    hsc: false,
    exp: expiresAt / 1000,
    iat,
    client_id: ctx.options.clientId,
  };
  // Signed here, not with njwt as id_tokens are: njwt puts its own typ and alg first and adds a jti, where this keeps
  // the fixture's header and claims as they are.
  const signingInput = `${part(header)}.${part(claims)}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(privateKeyPem).toString('base64url');
  return `${signingInput}.${signature}`;
}
