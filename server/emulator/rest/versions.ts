// The API versions this emulated org advertises at GET /services/data/, with their release names.
export const OLDEST_VERSION = 31;
// Winter '27 (68.0) reached production orgs in October 2026; salesforce-wire.md §9.1 lists it from the preview docs.
export const NEWEST_VERSION = 68;

/** 31.0 was Summer '14; three releases a year follow: Winter, Spring, Summer. */
export function releaseLabel(major: number): string {
  const i = major - OLDEST_VERSION;
  const season = ['Summer', 'Winter', 'Spring'][i % 3];
  const year = season === 'Summer' ? 14 + i / 3 : 15 + Math.floor(i / 3);
  return `${season} '${String(year).padStart(2, '0')}`;
}

export function versionList(): { label: string; url: string; version: string }[] {
  const list = [];
  for (let major = OLDEST_VERSION; major <= NEWEST_VERSION; major++) {
    list.push({ label: releaseLabel(major), url: `/services/data/v${major}.0`, version: `${major}.0` });
  }
  return list;
}

/**
 * "v66.0" -> "66.0"; anything the org does not have (v38, v99.0) -> undefined. "latest" is the newest version: the
 * newest docs add that alias (salesforce-wire.md §9.1); whether every org has it is unconfirmed, and offering it
 * costs a client written against an org without it nothing.
 */
export function parseVersion(segment: string): string | undefined {
  if (segment === 'latest') return `${NEWEST_VERSION}.0`;
  const match = /^v(\d+)\.0$/.exec(segment);
  const major = match ? Number(match[1]) : NaN;
  return major >= OLDEST_VERSION && major <= NEWEST_VERSION ? `${major}.0` : undefined;
}
