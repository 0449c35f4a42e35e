// SF_API_VERSION: the versions orgs serve, and those Salesforce has announced it will retire.
import { fail } from './configValues.ts';

/** Orgs serve API versions from 31.0 (Summer '14) on; the earlier ones are retired (salesforce-wire.md §9.1). */
const OLDEST_API_VERSION = 31;

/**
 * API versions up to 40.0 still work, but Salesforce deprecates them in Summer '27 and retires them in Summer '28,
 * when the REST API answers 410 GONE (salesforce-wire-flows.md §10): a version pinned there is said to be so.
 */
export function versionRetirementNote(version: string): string | undefined {
  const major = Number(version.split('.')[0]);
  if (!(major >= OLDEST_API_VERSION && major <= 40)) return undefined;
  return `v${OLDEST_API_VERSION}.0 to v40.0 are deprecated in Summer '27 and retired in Summer '28, when the REST API answers them 410 GONE: pin a newer version, or remove SF_API_VERSION to use the newest`;
}

/**
 * A retired version fails every query with NOT_FOUND, long after start-up: orgs serve 31.0 and later (earlier ones
 * are retired). A version newer than the org's is left to the setup doctor, which lists what the org offers.
 */
export function checkApiVersion(version: string): void {
  if (!/^[1-9]\d{1,2}\.0$/.test(version))
    fail(
      'SF_API_VERSION',
      `"${version}" is not an API version: use a form like 68.0, or remove it to discover`,
    );
  if (Number(version.split('.')[0]) < OLDEST_API_VERSION) {
    fail(
      'SF_API_VERSION',
      `${version} is retired: orgs serve ${OLDEST_API_VERSION}.0 and later; use one of those, or remove it to discover`,
    );
  }
}
