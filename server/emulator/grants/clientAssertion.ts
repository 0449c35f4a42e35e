// Client authentication with a signed JWT instead of the secret (RFC 7523 §2.2, "private_key_jwt" in discovery):
// client_assertion_type and client_assertion, signed with the key whose certificate is on the app.
import { clientFromFormFirst } from '../clientAuth.ts';
import type { EmulatorContext } from '../context.ts';
import { OAuthError } from '../errors.ts';
import type { Params } from '../params.ts';
import { safeEqual } from '../secrets.ts';
import { checkExpiry, checkSignature, decodeAssertion } from './jwtAssertion.ts';
import type { GrantRequest } from './types.ts';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

const LOGIN_HOSTS = ['https://login.salesforce.com', 'https://test.salesforce.com'];

/** An assertion that lives longer is refused: one captured would otherwise stand in for the secret for good. */
const MAX_LIFETIME_S = 10 * 60;

/**
 * The client id a client assertion proves, or undefined when the request carries none (the secret's rules apply).
 * Salesforce's web server flow guide takes client_assertion in place of client_secret at the code exchange. For
 * the other grants that authenticate the client, which `aud` it expects, its lifetime rule and its error texts,
 * nothing is confirmed, so the RFCs' choices stand: client authentication is the token endpoint's, whatever the
 * grant (RFC 6749 §2.3); any sign of the server as audience (this host, its token endpoint, the login hosts); iss
 * and sub both the client id; an exp at most 10 minutes ahead (RFC 7523 §3 lets a server refuse far-future ones);
 * and invalid_client for every failure.
 */
export function assertedClientId(
  ctx: EmulatorContext,
  params: Params,
  request: GrantRequest,
): string | undefined {
  if (params.client_assertion === undefined && params.client_assertion_type === undefined) return undefined;
  if (params.client_assertion_type !== CLIENT_ASSERTION_TYPE) throw OAuthError.invalidClient();
  let claims: Record<string, unknown>;
  try {
    const decoded = decodeAssertion(params.client_assertion);
    checkSignature(decoded, ctx.state.certificateKey);
    checkExpiry(decoded.claims, ctx.now());
    claims = decoded.claims;
  } catch {
    throw OAuthError.invalidClient();
  }
  const exp = typeof claims.exp === 'string' ? Number(claims.exp) : (claims.exp as number);
  if (exp * 1000 - ctx.now() > MAX_LIFETIME_S * 1000) throw OAuthError.invalidClient();
  const { iss, sub } = claims;
  const proven = typeof sub === 'string' && iss === sub && safeEqual(sub, ctx.options.clientId);
  const sentId = params.client_id;
  if (!proven || (sentId !== undefined && sentId !== sub) || !namesThisServer(claims.aud, request)) {
    throw OAuthError.invalidClient();
  }
  return sub;
}

function namesThisServer(aud: unknown, request: GrantRequest): boolean {
  const own = request.host.url;
  const accepted = [own, `${own}/services/oauth2/token`, ...LOGIN_HOSTS];
  const audiences = Array.isArray(aud) ? aud : [aud];
  return audiences.some((value) => typeof value === 'string' && accepted.includes(value.replace(/\/$/, '')));
}

/**
 * The client of a grant whose secret may be optional (the code exchange, a refresh): a client assertion, else HTTP
 * Basic or the form. `asserted`: the assertion has proved who it is, so there is no secret to check.
 */
export function clientOfRequest(
  ctx: EmulatorContext,
  params: Params,
  request: GrantRequest,
): { id: string; secret: string; asserted: boolean } {
  const asserted = assertedClientId(ctx, params, request);
  return asserted
    ? { id: asserted, secret: '', asserted: true }
    : { ...clientFromFormFirst(request.authorization, params), asserted: false };
}
