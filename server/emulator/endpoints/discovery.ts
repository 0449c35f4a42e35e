// OpenID discovery document and the JWKS that verifies this emulator's id_tokens.
import { Router } from 'express';
import type { EmulatorContext } from '../context.ts';
import { jwks } from '../idToken.ts';

export function discoveryEndpoints(ctx: EmulatorContext): Router {
  const router = Router();
  router.get('/.well-known/openid-configuration', (_req, res) => {
    const base = ctx.baseUrl;
    res.json({
      issuer: base,
      authorization_endpoint: `${base}/services/oauth2/authorize`,
      token_endpoint: `${base}/services/oauth2/token`,
      revocation_endpoint: `${base}/services/oauth2/revoke`,
      userinfo_endpoint: `${base}/services/oauth2/userinfo`,
      jwks_uri: `${base}/id/keys`,
      introspection_endpoint: `${base}/services/oauth2/introspect`,
      end_session_endpoint: `${base}/services/auth/idp/oidc/logout`,
      frontchannel_logout_supported: true,
      frontchannel_logout_session_supported: false,
      scopes_supported: [
        'id',
        'api',
        'web',
        'full',
        'chatter_api',
        'visualforce',
        'refresh_token',
        'openid',
        'profile',
        'email',
        'address',
        'phone',
        'offline_access',
        'custom_permissions',
        'wave_api',
        'lightning',
      ],
      // The exact arrays below are unconfirmed for real orgs; these are the values this emulator supports.
      response_types_supported: ['code', 'token', 'token id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      display_values_supported: ['page', 'popup', 'touch'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt'],
      code_challenge_methods_supported: ['S256', 'plain'],
      claims_supported: [
        'active',
        'address',
        'email',
        'email_verified',
        'family_name',
        'given_name',
        'is_app_installed',
        'language',
        'locale',
        'name',
        'nickname',
        'organization_id',
        'phone_number',
        'photos',
        'picture',
        'preferred_username',
        'profile',
        'sub',
        'updated_at',
        'urls',
        'user_id',
        'user_type',
        'zoneinfo',
      ],
    });
  });
  router.get('/id/keys', (_req, res) => {
    res.json(jwks(ctx));
  });
  return router;
}
