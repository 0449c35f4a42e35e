// Salesforce's device flow (older than RFC 8628, with its own names): response_type=device_code at the token
// endpoint starts it; grant_type=device with code=<device_code> polls until the user has allowed access.
import { findUserById, type EmulatorContext } from '../context.ts';
import { OAuthError } from '../errors.ts';
import type { Host } from '../hosts.ts';
import type { Params } from '../params.ts';
import { issueTokens, newGrant } from '../responses.ts';
import { requestedScopes } from '../scopes.ts';
import { checkActive, checkAdminApproval, checkClientId, checkClientSecret } from './checks.ts';
import type { Grant } from './types.ts';

/**
 * The start: exactly user_code, device_code, interval and verification_uri (no expires_in, no
 * verification_uri_complete). The app must allow the flow, and, since September 2025, be installed in the org (the
 * reference marks unconfirmed whether installed apps still get the flow in every org; here they do):
 * Salesforce answered blocked starts with this description from the day the block began (observed 2025-08-28,
 * forcedotcom/code-builder-feedback#263: "invalid_grant device flow is not enabled for the app").
 */
export function startDeviceAuthorization(
  ctx: EmulatorContext,
  params: Params,
  host: Host,
): Record<string, unknown> {
  checkClientId(ctx, params.client_id);
  // The device flow needs no secret; one that is sent must be right, as Salesforce checks a sent secret elsewhere.
  checkClientSecret(ctx, { secret: params.client_secret ?? '' }, false);
  // The start carries no grant_type: the flow's own, which its polls send, names its requests.
  const blocked = ctx.faults.take('device-blocked', { grantType: deviceGrant.grantType });
  if (blocked || !ctx.state.settings.deviceFlowEnabled || !ctx.state.org.appInstalled) {
    throw OAuthError.invalidGrant('device flow is not enabled for the app');
  }
  const scopes = requestedScopes(params.scope, ctx.state.settings.scopes);
  if (!scopes) throw OAuthError.invalidScope();
  const { deviceCode, userCode } = ctx.devices.start(scopes);
  const { intervalS } = ctx.devices.byCode(deviceCode) ?? { intervalS: 5 };
  return {
    user_code: userCode,
    device_code: deviceCode,
    interval: intervalS,
    // Where the user opens it on another screen: the login host's public address when one is set.
    verification_uri: `${host.pageUrl}/setup/connect`,
  };
}

/**
 * The poll. authorization_pending is confirmed (400, the Salesforce CLI keeps polling on it); slow_down,
 * access_denied and expired_token are RFC 8628's codes, Salesforce's own being unconfirmed, and so are the
 * descriptions here. An unknown code gets the wording Salesforce uses for other unusable codes.
 */
export const deviceGrant: Grant = {
  grantType: 'device',
  handler(ctx, params, request) {
    checkClientId(ctx, params.client_id);
    // As at the start: no secret needed, but one that is sent must be right.
    checkClientSecret(ctx, { secret: params.client_secret ?? '' }, false);
    const deviceCode = params.code ?? '';
    const authorization = deviceCode ? ctx.devices.byCode(deviceCode) : undefined;
    if (!authorization) throw OAuthError.invalidGrant('expired authorization code');
    const now = ctx.now();
    if (authorization.expiresAt <= now) {
      ctx.devices.consume(deviceCode);
      throw new OAuthError('expired_token', 'expired device code');
    }
    const previousPoll = authorization.lastPollAt;
    authorization.lastPollAt = now;
    if (previousPoll !== undefined && now - previousPoll < authorization.intervalS * 1000) {
      authorization.intervalS += 5;
      throw new OAuthError('slow_down', 'polling too fast');
    }
    if (authorization.status === 'pending')
      throw new OAuthError('authorization_pending', 'authorization pending');
    ctx.devices.consume(deviceCode);
    if (authorization.status === 'denied') throw OAuthError.accessDenied();
    const user = checkActive(findUserById(ctx, authorization.userId ?? ''));
    checkAdminApproval(ctx, user, { grantType: deviceGrant.grantType });
    return issueTokens(ctx, user, authorization.scopes, {
      ...newGrant(ctx, user, authorization.scopes),
      issuer: request.host.url,
    });
  },
};
