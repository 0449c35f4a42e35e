// OpenID discovery document and the JWKS that verifies this emulator's id_tokens. Each host (login host, My
// Domain) describes itself. Key order, arrays and auth methods follow Salesforce's captured document
// (salesforce-wire-flows.md §8.3); PKCE methods were added later.
import { Router } from 'express';
import type { EmulatorContext } from '../context.ts';
import { requestHost } from '../hosts.ts';
import { jwks } from '../idToken.ts';

const SCOPES = [
  'cdp_ingest_api',
  'custom_permissions',
  'cdp_segment_api',
  'content',
  'cdp_api',
  'chatbot_api',
  'cdp_identityresolution_api',
  'interaction_api',
  'wave_api',
  'web',
  'cdp_calculated_insight_api',
  'einstein_gpt_api',
  'offline_access',
  'id',
  'api',
  'eclair_api',
  'email',
  'pardot_api',
  'lightning',
  'visualforce',
  'cdp_query_api',
  'sfap_api',
  'address',
  'openid',
  'profile',
  'cdp_profile_api',
  'refresh_token',
  'phone',
  'user_registration_api',
  'pwdless_login_api',
  'chatter_api',
  'full',
  'forgot_password',
];

const CLAIMS = [
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
  'phone_number_verified',
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
];

export function discoveryEndpoints(ctx: EmulatorContext): Router {
  const router = Router();
  router.get('/.well-known/openid-configuration', (req, res) => {
    const { url: base, pageUrl } = requestHost(ctx, req);
    res.json({
      // The two endpoints a client sends the browser to: where a browser reaches this host (EMULATOR_PUBLIC_URL).
      end_session_endpoint: `${pageUrl}/services/auth/idp/oidc/logout`,
      frontchannel_logout_supported: true,
      frontchannel_logout_session_supported: false,
      issuer: base,
      authorization_endpoint: `${pageUrl}/services/oauth2/authorize`,
      token_endpoint: `${base}/services/oauth2/token`,
      revocation_endpoint: `${base}/services/oauth2/revoke`,
      userinfo_endpoint: `${base}/services/oauth2/userinfo`,
      jwks_uri: `${base}/id/keys`,
      registration_endpoint: `${base}/services/oauth2/register`,
      introspection_endpoint: `${base}/services/oauth2/introspect`,
      scopes_supported: SCOPES,
      response_types_supported: ['code', 'token', 'token id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      display_values_supported: ['page', 'popup', 'touch'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic', 'private_key_jwt'],
      code_challenge_methods_supported: ['S256'],
      claims_supported: CLAIMS,
    });
  });
  router.get('/id/keys', (_req, res) => {
    res.json(jwks(ctx));
  });
  return router;
}
