// The emulated org: its id, its users and the default settings of its one app.
import { createHash } from 'node:crypto';

export const ORG_ID = '00D5j00000PlAyGEAE';
export const ORG_ID_15 = ORG_ID.slice(0, 15);

export type Policy = 'self-authorize' | 'admin-approved';
export const PROFILES = ['System Administrator', 'Standard User'] as const;

export interface OrgUser {
  id: string;
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  profile: (typeof PROFILES)[number];
  active: boolean;
}

export interface AppSettings {
  callbackUrls: string[];
  certificatePem: string;
  policy: Policy;
  /** Profiles pre-authorized when the policy is admin-approved. */
  profiles: string[];
  requireSecret: boolean;
  requirePkce: boolean;
  scopes: string[];
}

export const DEFAULT_SCOPES = ['api', 'refresh_token', 'openid', 'id', 'web'];

export function orgUsers(adminUsername: string): OrgUser[] {
  const domain = adminUsername.includes('@') ? adminUsername.split('@')[1] : 'playground.local';
  return [
    user('0055j00000AdMiNAAU', adminUsername, 'Ada', 'Admin', 'System Administrator', true),
    user('0055j00000StAnDAAU', `standard@${domain}`, 'Sam', 'Standard', 'Standard User', true),
    user('0055j00000InAcTAAU', `inactive@${domain}`, 'Ivy', 'Inactive', 'Standard User', false),
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
  };
}

/** Identity URL: https://<login host>/id/<org>/<user>, the `id` of every token response. */
export function identityUrl(baseUrl: string, userId: string): string {
  return `${baseUrl}/id/${ORG_ID}/${userId}`;
}

/** Tokens are stored by hash so that the state file on disk holds no usable credential. */
export function tokenKey(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
