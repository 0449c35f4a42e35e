// Which scopes a request may ask for. Salesforce's app settings name each permission once, and some cover several
// scope names: "Access the identity URL service (id, profile, email, address, phone)" and "Perform requests at any
// time (refresh_token, offline_access)". An app with one name of such a group grants every name in it.

/** Scope names that are one permission in the app's settings (Salesforce's OAuth scope help calls them synonymous). */
const SYNONYMS: readonly (readonly string[])[] = [
  ['id', 'profile', 'email', 'address', 'phone'],
  ['refresh_token', 'offline_access'],
];

/** Every scope name an app with these scopes may be asked for. */
function askable(appScopes: readonly string[]): Set<string> {
  const names = new Set(appScopes);
  for (const group of SYNONYMS) {
    if (group.some((name) => names.has(name))) for (const name of group) names.add(name);
  }
  return names;
}

/**
 * The scopes a request gets: none asked means every scope of the app; a name the app does not grant, under any of
 * its synonyms, makes the whole request invalid (undefined). Granted names are the ones asked for, once each.
 */
export function requestedScopes(raw: string | undefined, appScopes: readonly string[]): string[] | undefined {
  const asked = (raw ?? '').split(/[\s+]+/).filter(Boolean);
  if (asked.length === 0) return [...appScopes];
  const allowed = askable(appScopes);
  return asked.every((scope) => allowed.has(scope)) ? [...new Set(asked)] : undefined;
}

/**
 * What the approval page says for a scope, as Salesforce's app settings name the permission (with the name asked
 * for after it). sfap_api's wording is the emulator's own: Salesforce's was not found.
 */
const PERMISSIONS: Readonly<Record<string, string>> = {
  api: 'Manage user data via APIs',
  web: 'Manage user data via Web browsers',
  full: 'Full access',
  openid: 'Access unique user identifiers',
  refresh_token: 'Perform requests at any time',
  offline_access: 'Perform requests at any time',
  id: 'Access the identity URL service',
  profile: 'Access the identity URL service',
  email: 'Access the identity URL service',
  address: 'Access the identity URL service',
  phone: 'Access the identity URL service',
  sfap_api: 'Access the Salesforce API Platform',
};

export const permissionOf = (scope: string): string =>
  Object.hasOwn(PERMISSIONS, scope) ? `${PERMISSIONS[scope]} (${scope})` : scope;
