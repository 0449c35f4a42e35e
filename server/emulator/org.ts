// The emulated org: its id, its users, their security tokens, and the default settings of the org and its one app.
import { createHash, createHmac } from 'node:crypto';
import { caseSafeId } from './ids.ts';
import { defaultNamedUserJwtSettings, type NamedUserJwtSettings } from './namedUserJwt.ts';

export const ORG_ID = caseSafeId('00D5j00000PlAyG');
export const ORG_ID_15 = ORG_ID.slice(0, 15);

export type Policy = 'self-authorize' | 'admin-approved';
export const PROFILES = ['System Administrator', 'Standard User'] as const;
/** Each profile's record id (prefix 00e), as User.ProfileId names it and `SELECT Id, Name FROM Profile` lists it. */
export const PROFILE_IDS: Record<(typeof PROFILES)[number], string> = {
  'System Administrator': caseSafeId('00e5j00000SyAdM'),
  'Standard User': caseSafeId('00e5j00000StUsR'),
};

export interface OrgUser {
  id: string;
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  profile: (typeof PROFILES)[number];
  active: boolean;
}

export const PERIOD_UNITS = ['HOURS', 'DAYS', 'MONTHS'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];
export const REFRESH_POLICIES = ['infinite', 'zero', 'inactivity', 'lifetime'] as const;

/**
 * Connected App → Manage → Edit Policies → Refresh Token Policy: valid until revoked (infinite), immediately
 * expire (zero), expire if not used for N (inactivity), or expire after N (lifetime).
 */
export interface RefreshTokenPolicy {
  kind: (typeof REFRESH_POLICIES)[number];
  /** N, for inactivity and lifetime. */
  amount: number;
  unit: PeriodUnit;
}

export interface AppSettings extends NamedUserJwtSettings {
  callbackUrls: string[];
  certificatePem: string;
  policy: Policy;
  /** Profiles pre-authorized when the policy is admin-approved. */
  profiles: string[];
  /** "Require Secret for Web Server Flow". */
  requireSecret: boolean;
  requirePkce: boolean;
  scopes: string[];
  /** "Enable Client Credentials Flow" (Edit settings) and its "Run As" user (Edit Policies, another screen). */
  clientCredentialsEnabled: boolean;
  runAsUserId?: string;
  /** "Enable for Device Flow". */
  deviceFlowEnabled: boolean;
  /** "Require Secret for Refresh Token Flow". */
  requireSecretForRefresh: boolean;
  /** "Enable Refresh Token Rotation". */
  refreshTokenRotation: boolean;
  refreshTokenPolicy: RefreshTokenPolicy;
}

/** Org-wide settings (Setup → OAuth and OpenID Connect Settings, Connected Apps OAuth Usage). */
export interface OrgSettings {
  /** "Allow OAuth Username-Password Flows": off in orgs created since Summer '23. */
  allowUsernamePassword: boolean;
  /**
   * "Allow OAuth User-Agent Flows" (metadata blockOAuthUsrAgtFlow). New orgs turn it off too, but here it starts on:
   * the user-agent flow is one of the playground's three to try at once; turning it off shows the block.
   */
  allowUserAgent: boolean;
  /** Whether the app is installed in the org: since September 2025 uninstalled apps cannot use the device flow. */
  appInstalled: boolean;
  /** Setup → CORS: its Allowed Origins List (origin URL patterns, corsOrigins.ts); "Enable CORS for OAuth endpoints". */
  corsAllowedOrigins: string[];
  corsOAuthEndpoints: boolean;
}

export const DEFAULT_SCOPES = ['api', 'refresh_token', 'openid', 'id', 'web'];
/** Scopes the setup page offers besides the defaults; sfap_api adds api_instance_url to client credentials. */
export const OPTIONAL_SCOPES = ['full', 'offline_access', 'sfap_api'];

export function orgUsers(adminUsername: string): OrgUser[] {
  const domain = adminUsername.includes('@') ? adminUsername.split('@')[1] : 'playground.local';
  return [
    user(caseSafeId('0055j00000AdMiN'), adminUsername, 'Ada', 'Admin', 'System Administrator', true),
    user(caseSafeId('0055j00000StAnD'), `standard@${domain}`, 'Sam', 'Standard', 'Standard User', true),
    user(caseSafeId('0055j00000InAcT'), `inactive@${domain}`, 'Ivy', 'Inactive', 'Standard User', false),
  ];
}

function user(
  id: string,
  username: string,
  firstName: string,
  lastName: string,
  profile: OrgUser['profile'],
  active: boolean,
): OrgUser {
  return { id, username, firstName, lastName, email: username, profile, active };
}

export function defaultSettings(callbackUrl: string, certificatePem: string): AppSettings {
  return {
    callbackUrls: [callbackUrl],
    certificatePem,
    policy: 'self-authorize',
    profiles: ['System Administrator'],
    requireSecret: true,
    requirePkce: false,
    scopes: [...DEFAULT_SCOPES],
    clientCredentialsEnabled: true,
    runAsUserId: undefined,
    deviceFlowEnabled: true,
    requireSecretForRefresh: true,
    refreshTokenRotation: false,
    refreshTokenPolicy: { kind: 'infinite', amount: 1, unit: 'DAYS' },
    ...defaultNamedUserJwtSettings(),
  };
}

export function defaultOrgSettings(): OrgSettings {
  // A new org allows no origin, and keeps CORS off on the OAuth endpoints.
  const cors = { corsAllowedOrigins: [] as string[], corsOAuthEndpoints: false };
  return { allowUsernamePassword: false, allowUserAgent: true, appInstalled: true, ...cors };
}

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The user's security token, appended to the password in the username-password flow: 24 letters and digits, fixed
 * per user and derived from the org's password, so that a password of one's own choosing gives tokens nobody else
 * can read in this source.
 */
export function securityToken(password: string, userId: string): string {
  const digest = createHmac('sha256', password).update(`security-token:${userId}`).digest();
  return [...digest.subarray(0, 24)].map((byte) => TOKEN_ALPHABET[byte % TOKEN_ALPHABET.length]).join('');
}

/** Identity URL: https://<login host>/id/<org>/<user>, the `id` of every token response. */
export function identityUrl(baseUrl: string, userId: string): string {
  return `${baseUrl}/id/${ORG_ID}/${userId}`;
}

/** Tokens are stored by hash so that the state file on disk holds no usable credential. */
export function tokenKey(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
