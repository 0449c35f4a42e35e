// OpenID Connect pieces: the signed id_token and the public JWKS that verifies it.
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import njwt from 'njwt';
import type { EmulatorContext } from './context.ts';
import { identityUrl, type OrgUser } from './org.ts';

/** Salesforce's sample id_token expires 120 s after it was issued. */
const ID_TOKEN_LIFETIME_S = 120;

/** `issuer` is the host the token was asked for at: the login host or My Domain. */
export function signIdToken(
  ctx: EmulatorContext,
  user: OrgUser,
  accessToken: string,
  { nonce, issuer }: { nonce?: string; issuer: string },
): string {
  const iat = Math.floor(ctx.now() / 1000);
  const claims: Record<string, unknown> = {
    at_hash: halfHash(accessToken),
    sub: identityUrl(ctx.baseUrl, user.id),
    aud: ctx.options.clientId,
    iss: issuer,
    iat,
    custom_attributes: {},
  };
  if (nonce) claims.nonce = nonce;
  const jwt = njwt.create(
    claims as Parameters<typeof njwt.create>[0],
    ctx.state.signingKey.privateKeyPem,
    'RS256',
  );
  jwt.setHeader('kid', ctx.state.signingKey.kid);
  // njwt adds a jti to every token it creates; Salesforce's id_tokens carry none.
  Reflect.deleteProperty(jwt.body, 'jti');
  jwt.setClaim('iat', iat);
  jwt.setExpiration((iat + ID_TOKEN_LIFETIME_S) * 1000);
  return jwt.compact();
}

/** at_hash: base64url of the left half of SHA-256 of the access token (OpenID Connect Core 3.1.3.6). */
function halfHash(accessToken: string): string {
  const digest = createHash('sha256').update(accessToken).digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

export function jwks(ctx: EmulatorContext): { keys: Record<string, string>[] } {
  const publicKey = createPublicKey(createPrivateKey(ctx.state.signingKey.privateKeyPem));
  const jwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  return {
    keys: [{ kty: 'RSA', alg: 'RS256', use: 'sig', kid: ctx.state.signingKey.kid, n: jwk.n, e: jwk.e }],
  };
}
