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
