// Client authentication with a signed JWT instead of the secret (RFC 7523 §2.2, "private_key_jwt" in discovery):
// client_assertion_type and client_assertion, signed with the key whose certificate is on the app.
import type { EmulatorContext } from '../context.ts';
import { OAuthError } from '../errors.ts';
import type { Params } from '../params.ts';
import { safeEqual } from '../secrets.ts';
import { checkExpiry, checkSignature, decodeAssertion } from './jwtAssertion.ts';
import type { GrantRequest } from './types.ts';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

const LOGIN_HOSTS = ['https://login.salesforce.com', 'https://test.salesforce.com'];

/**
 * The client id a client assertion proves, or undefined when the request carries none (the secret's rules apply).
 * Salesforce's web server flow guide takes client_assertion in place of client_secret; which `aud` it expects and
 * its error texts are unconfirmed, so the RFC's choices stand: any sign of the server as audience (this host, its
 * token endpoint, the login hosts), iss and sub both the client id, and invalid_client for every failure.
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
