// Finishes an authorization: a code in the query (web server flow) or tokens in the fragment (user-agent flow).
import type { Response } from 'express';
import { appendResponse, errorRedirectUrl, RedirectError } from '../authorizeErrors.ts';
import type { PendingAuthorization } from '../authorizeRequest.ts';
import { appAccess, type EmulatorContext } from '../context.ts';
import { OAuthError } from '../errors.ts';
import type { OrgUser } from '../org.ts';
import { issueTokens, newGrant } from '../responses.ts';

export function completeAuthorization(
  ctx: EmulatorContext,
  res: Response,
  pending: PendingAuthorization,
  user: OrgUser,
): void {
  const params = new URLSearchParams();
  if (pending.responseType === 'code') {
    const code = ctx.codes.issue({
      userId: user.id,
      redirectUri: pending.redirectUri,
      scopes: pending.scopes,
      codeChallenge: pending.codeChallenge,
      nonce: pending.nonce,
      state: pending.state,
    });
    params.set('code', code);
  } else {
    if (!appAccess(ctx, user, 'take', { state: pending.state }).permitted) {
      return res.redirect(
        errorRedirectUrl(
          new RedirectError(OAuthError.invalidAppAccess(), pending.redirectUri, true, pending.state),
        ),
      );
    }
    const tokens = ctx.state.batch(() => {
      const grant = refreshTokenInFragment(ctx, pending) ? newGrant(ctx, user, pending.scopes) : {};
      return issueTokens(ctx, user, pending.scopes, { ...grant, nonce: pending.nonce, issuer: pending.host });
    });
    if (!pending.withIdToken) delete tokens.id_token;
    for (const name of [
      'access_token',
      'refresh_token',
      'id_token',
      'instance_url',
      'id',
      'issued_at',
      'signature',
      'scope',
      'token_type',
      // Documented for the token endpoint's answers; in the fragment, which carries their other fields, unconfirmed.
      'api_instance_url',
      // The Mobile SDK's user-agent (hybrid) flow reads it in the fragment too (wire reference, flows §7.1).
      'token_format',
    ]) {
      if (tokens[name] !== undefined) params.set(name, tokens[name]);
    }
  }
  if (pending.state !== undefined) params.set('state', pending.state);
  res.set('Cache-Control', 'no-store');
  res.redirect(appendResponse(pending.redirectUri, params, pending.responseType === 'token'));
}

/**
 * Whether a user-agent fragment may carry a refresh token. Salesforce's user-agent flow documentation returns one
 * only when the redirect URI is Salesforce's own success page (<login host>/services/oauth2/success) or uses a custom
 * scheme (a mobile app's myapp://), never to an ordinary https:// web page, where a long-lived token in the URL
 * would leak through history and scripts. The reference (§4) marks the exact rule unconfirmed; this follows the
 * documentation, and a real `token id_token` fragment was seen without one too.
 */
function refreshTokenInFragment(ctx: EmulatorContext, pending: PendingAuthorization): boolean {
  if (pending.withIdToken) return false;
  const { protocol } = new URL(pending.redirectUri);
  const successPage = `${ctx.baseUrl}/services/oauth2/success`;
  return pending.redirectUri === successPage || (protocol !== 'https:' && protocol !== 'http:');
}
