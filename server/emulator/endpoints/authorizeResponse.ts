// Finishes an authorization: a code in the query (web server flow) or tokens in the fragment (user-agent flow).
import type { Response } from 'express';
import {
  appendResponse,
  errorRedirectUrl,
  RedirectError,
  type PendingAuthorization,
} from '../authorizeRequest.ts';
import { appAccess, type EmulatorContext } from '../context.ts';
import { OAuthError } from '../errors.ts';
import type { OrgUser } from '../org.ts';
import { issueTokens } from '../responses.ts';

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
      codeChallengeMethod: pending.codeChallengeMethod,
      nonce: pending.nonce,
    });
    params.set('code', code);
  } else {
    if (!appAccess(ctx, user).permitted) {
      return res.redirect(
        errorRedirectUrl(
          new RedirectError(OAuthError.invalidAppAccess(), pending.redirectUri, true, pending.state),
        ),
      );
    }
    // A real `token id_token` fragment carried no refresh token; a plain `token` one can.
    const tokens = issueTokens(ctx, user, pending.scopes, {
      withRefreshToken: !pending.withIdToken,
      nonce: pending.nonce,
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
    ]) {
      if (tokens[name] !== undefined) params.set(name, tokens[name]);
    }
  }
  if (pending.state !== undefined) params.set('state', pending.state);
  res.set('Cache-Control', 'no-store');
  res.redirect(appendResponse(pending.redirectUri, params, pending.responseType === 'token'));
}
