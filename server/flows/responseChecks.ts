// Checks on a token response before it is trusted: where it points (every flow), and for the redirect flows its
// signature and id_token. Each check is logged; a failed one ends the attempt.
import type { Check } from '../attempts/attempt.ts';
import { missing, notPerformed, settle } from './checkOutcomes.ts';
import type { TokenSet } from '../salesforce/tokens.ts';
import { hostsCheck, nonceCheck, signatureCheck } from './checks.ts';
import type { FlowContext } from './context.ts';
import { idTokenSignatureCheck } from './idToken.ts';

/** What the redirect flow's own request makes necessary in its response. */
export interface ResponseExpectations {
  /** The nonce sent at authorize, when there was an authorize request. */
  nonce?: string;
  /** The implicit flow's id_token must carry at_hash (OpenID Connect Core 3.2.2.10). */
  atHashRequired?: boolean;
  /** Whether this flow returns an id_token when openid is requested (client credentials and password never do). */
  idToken?: boolean;
  /** Whether this attempt asked for openid (default: the configured scopes do). */
  openidRequested?: boolean;
  /** The tokens came in the callback's fragment (the user-agent flow), not from the token endpoint. */
  inFragment?: boolean;
  /** A refresh: the answer is of the login's own grant, so nothing of it is revoked when it is refused. */
  continuesGrant?: boolean;
}

/** The org's own origins: its login host and, when known, its My Domain (the emulator's two origins). */
export function orgOrigins(ctx: FlowContext): string[] {
  const { loginUrl, myDomainUrl } = ctx.config;
  return myDomainUrl ? [loginUrl, myDomainUrl] : [loginUrl];
}

/** Every flow: the token goes next to instance_url and id, so both must be the org's hosts. */
export function checkHosts(ctx: FlowContext, tokens: TokenSet): void {
  const check = hostsCheck(tokens, orgOrigins(ctx), ctx.config.mode === 'org');
  ctx.log.check(check);
  settle([check]);
}

/**
 * Every flow whose response is signed, failing closed: the hosts (checked before anything else); the signature
 * whenever a secret is configured; and, where the flow returns one and openid was requested, an id_token whose
 * signature, iss, aud, at_hash and nonce all verify.
 */
export async function verifyTokenResponse(
  ctx: FlowContext,
  tokens: TokenSet,
  expected: ResponseExpectations,
): Promise<void> {
  try {
    await checkTokenResponse(ctx, tokens, expected);
  } catch (error) {
    // Refused, its refresh token belongs to no login here, yet stays valid at the org until revoked (one of the
    // user's five grants for the app): revoked at the configured org, as a leg of the attempt. Never the access token
    // alone: Salesforce may answer with one a login here already holds, and it expires on its own. Never in a
    // refresh: its refresh token (repeated, or rotated) is of the login's own grant, and revoking a refresh token
    // kills the access tokens issued from it, the login's among them.
    // Nor when it carries a token of the login this browser holds (Salesforce may answer a new grant with the access
    // token a login already has): revoking would take that login's token with it.
    const refused = tokens.refresh_token;
    const { held } = ctx;
    const shared = held && (held.access_token === tokens.access_token || held.refresh_token === refused);
    if (refused && !expected.continuesGrant && !shared)
      await ctx.api.revokeToken(refused, ctx.log.entry, 'revoke (answer refused)').catch(() => undefined);
    throw error;
  }
}

async function checkTokenResponse(ctx: FlowContext, tokens: TokenSet, expected: ResponseExpectations) {
  const { config, now, log } = ctx;
  // Where the response points is settled first: for a forged host nothing more is fetched or believed.
  checkHosts(ctx, tokens);
  const checks: Check[] = [];
  if (!config.clientSecret) {
    checks.push(
      notPerformed(
        'signature',
        'response signature check',
        expected.inFragment ? NO_SECRET_FRAGMENT : NO_SECRET,
      ),
    );
  } else if (tokens.signature && tokens.issued_at) {
    checks.push(signatureCheck(config.clientSecret, tokens.id, tokens.issued_at, tokens.signature));
  } else {
    checks.push(
      missing('signature', 'response signature check', 'The response carries no signature and issued_at.'),
    );
  }
  const openid = expected.openidRequested ?? config.scopes.split(/\s+/).includes('openid');
  if (expected.idToken !== false && openid) {
    if (tokens.id_token) {
      log.jwt('idToken', tokens.id_token);
      const { issuer, keys } = await signingKeysOrStop(ctx, checks);
      // A login through My Domain may name the My Domain host as issuer rather than the login host.
      const issuers = [issuer, ...orgOrigins(ctx), new URL(tokens.instance_url).origin];
      checks.push(
        await idTokenSignatureCheck(tokens.id_token, keys, {
          issuers,
          clientId: config.clientId,
          nowMs: now(),
          accessToken: tokens.access_token,
          atHashRequired: expected.atHashRequired ?? false,
        }),
      );
      if (expected.nonce !== undefined) checks.push(nonceCheck(expected.nonce, tokens.id_token));
    } else {
      checks.push(missing('id-token', 'id_token check', 'openid was requested, but no id_token came.'));
    }
  }
  checks.forEach((check) => log.check(check));
  settle(checks);
}

/**
 * The issuer's keys, fetched from discovery and its JWKS. When Salesforce does not give them, the attempt ends with
 * that failure, but the checks already made are still shown, and the id_token check as not made: never as passed.
 */
async function signingKeysOrStop(ctx: FlowContext, checks: Check[]) {
  try {
    return await ctx.api.signingKeys(ctx.log.entry);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    checks.push(
      notPerformed(
        'id-token',
        'id_token check',
        `The issuer's signing keys could not be fetched (${reason}), so the id_token was not verified and this token is not used.`,
      ),
    );
    checks.forEach((check) => ctx.log.check(check));
    throw error;
  }
}

const NO_SECRET =
  'No client secret is configured (a public client), so this app cannot recompute the HMAC; the answer came straight from the token endpoint over TLS, which is what vouches for it here.';
const NO_SECRET_FRAGMENT =
  "No client secret is configured (a public client), so this app cannot recompute the HMAC that shows the fragment came from Salesforce; the state check ties it to this login, and the token is sent only to the org's own hosts.";
