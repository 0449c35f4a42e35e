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

/**
 * Salesforce publishes several keys at once, each under a release-numbered kid, the signing one not necessarily
 * first (wire reference, flows §8.4). These two are published and never sign anything (their private halves were
 * thrown away): a client that takes keys[0] instead of the key its token's kid names fails here as it would there.
 */
const PUBLISHED_NOT_SIGNING = [
  {
    kid: '260',
    n:
      'y-25R0YtBf_rtssyfuYRxTQPwu8ChowyxeD31FQZ9Z_LDJtS72n_IHUWWvBxSqBZvf_3FbsJOtvCrWfi97Qd5lxminnNQNyoB6iSsTCyfblxoeFdbAEAjsP2E8oRKOwTtGlsNcZuZ9Zd9Vb-uXhIvrbEF4BapA8459ngcS1gv9Zvye' +
      'aPko90aA4F99_xEM4bxsWL5f3FCCW5bX3zEOOVwCiTdytO531WbNsmHnXTeRXhWEX9QrRW_7Xn3mdkduEqrMN1lwNsGaPgaalFgZ9xe_8q_5NdAcKDghXtQvjIncNuwt_Je_Lckah_CdHIa8W7c8SbeC9m2dTVXnkDQAUmVQ',
  },
  {
    kid: '258',
    n:
      'k2YxNvT48fawf_zZqMWTSCYVxyb3XiajDyyqC2gBAIdiwgEvpy2CP-vbBRJOI8rHi1-GHpGakNS3jYFGFLCYMYTmTFhQtsgLq3F3majBr7cLHpk0X__oiZfwVm_ltoFPtjdy4IFYNqZQZVEKxtccxWJAXNOTTn1Ig55e-fIit7skAP1b' +
      'UOWS7Uq2bLE4pYe6b5NuNJIvX5NL9YWB1b5jypa77C5-eKapvu-AFQO4FmHP4NavVNWWCOw64f9afM5n_fB2cRidBATs88nV_HlrYokRFL3KMrxD6WzQ5Aj6ov1DXxMu-l4Nfm6qNa45uPf024RcE8RWLtR7HY1DHzmPuw',
  },
];

/** The signing key's public half, worked out once per key rather than on every request. */
let signingJwk: { pem: string; n: string; e: string } | undefined;

export function jwks(ctx: EmulatorContext): { keys: Record<string, string>[] } {
  const { kid, privateKeyPem } = ctx.state.signingKey;
  if (signingJwk?.pem !== privateKeyPem) {
    const jwk = createPublicKey(createPrivateKey(privateKeyPem)).export({ format: 'jwk' });
    signingJwk = { pem: privateKeyPem, n: String(jwk.n), e: String(jwk.e) };
  }
  const published = [...PUBLISHED_NOT_SIGNING.map((key) => ({ ...key, e: 'AQAB' })), { kid, ...signingJwk }];
  return { keys: published.map(({ kid, n, e }) => ({ kty: 'RSA', alg: 'RS256', use: 'sig', kid, n, e })) };
}
