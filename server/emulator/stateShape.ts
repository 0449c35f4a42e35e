// What a saved emulator state must look like, field by field: a file that does not match is set aside rather than
// trusted (stateFile.ts), since a hand-edited or half-written file must never crash the emulator later.
import { createPrivateKey } from 'node:crypto';
import { PERIOD_UNITS, PROFILES, REFRESH_POLICIES, type AppSettings, type OrgSettings } from './org.ts';
import { isNamedUserJwtTimeout } from './namedUserJwt.ts';
import type { AccessTokenRecord, RefreshTokenRecord } from './tokenRecords.ts';

export interface Persisted {
  settings: AppSettings;
  /** Absent in files saved before org settings existed: defaults then. */
  org?: OrgSettings;
  approvals: string[];
  accessTokens: Record<string, AccessTokenRecord>;
  refreshTokens: Record<string, RefreshTokenRecord>;
  signingKey: { kid: string; privateKeyPem: string };
  /** The defaults this state was last started with, to tell them from the user's own changes. */
  defaults: Pick<AppSettings, 'callbackUrls' | 'certificatePem'>;
}

type Check = (value: unknown) => boolean;
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString: Check = (value) => typeof value === 'string';
const isNumber: Check = (value) => typeof value === 'number' && Number.isFinite(value);
const isBoolean: Check = (value) => typeof value === 'boolean';
const isStrings: Check = (value) => Array.isArray(value) && value.every(isString);
const optional =
  (check: Check): Check =>
  (value) =>
    value === undefined || check(value);
const oneOf =
  (...allowed: string[]): Check =>
  (value) =>
    typeof value === 'string' && allowed.includes(value);

/** Where the last check failed, innermost field last: the warning names it, for the file to be mended by hand. */
let failedAt: string[] = [];

/** Every listed field passes its check (extra fields are tolerated: a newer version may have added some). */
const shape =
  (fields: Record<string, Check>): Check =>
  (value) => {
    if (!isObject(value)) return false;
    const failed = Object.entries(fields).find(([name, check]) => !check(value[name]));
    if (failed) failedAt.unshift(failed[0]);
    return !failed;
  };
const recordsOf =
  (check: Check): Check =>
  (value) => {
    if (!isObject(value)) return false;
    // A record is named by its place, not its key (a token's hash, which says nothing to a reader).
    const failed = Object.values(value).findIndex((record) => !check(record));
    if (failed >= 0) failedAt.unshift(`record ${failed + 1}`);
    return failed < 0;
  };

const isPrivateKey: Check = (value) => {
  try {
    return typeof value === 'string' && createPrivateKey(value).type === 'private';
  } catch {
    return false;
  }
};

const isCount: Check = (value) =>
  Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 10_000;

/** Fields added after the first release are optional: a file saved before them still loads. */
export const isPersisted = shape({
  settings: shape({
    callbackUrls: isStrings,
    certificatePem: isString,
    policy: oneOf('self-authorize', 'admin-approved'),
    profiles: (value) => isStrings(value) && (value as string[]).every((p) => oneOf(...PROFILES)(p)),
    requireSecret: isBoolean,
    requirePkce: isBoolean,
    scopes: isStrings,
    clientCredentialsEnabled: optional(isBoolean),
    runAsUserId: optional(isString),
    deviceFlowEnabled: optional(isBoolean),
    requireSecretForRefresh: optional(isBoolean),
    refreshTokenRotation: optional(isBoolean),
    refreshTokenPolicy: optional(
      shape({ kind: oneOf(...REFRESH_POLICIES), amount: isCount, unit: oneOf(...PERIOD_UNITS) }),
    ),
    namedUserJwtEnabled: optional(isBoolean),
    namedUserJwtTimeoutType: optional(oneOf('UserSession', 'Custom')),
    namedUserJwtTimeout: optional(isNamedUserJwtTimeout),
  }),
  // allowUserAgent and the CORS settings came later: a file without them takes the defaults.
  org: optional(
    shape({
      allowUsernamePassword: isBoolean,
      allowUserAgent: optional(isBoolean),
      appInstalled: isBoolean,
      corsAllowedOrigins: optional(isStrings),
      corsOAuthEndpoints: optional(isBoolean),
    }),
  ),
  approvals: isStrings,
  accessTokens: recordsOf(
    shape({
      userId: isString,
      scopes: isStrings,
      issuedAt: isNumber,
      expiresAt: isNumber,
      familyKey: optional(isString),
      refreshKey: optional(isString),
      format: optional(oneOf('jwt')),
    }),
  ),
  refreshTokens: recordsOf(
    shape({
      userId: isString,
      scopes: isStrings,
      issuedAt: isNumber,
      familyKey: optional(isString),
      familyIssuedAt: optional(isNumber),
      lastUsedAt: optional(isNumber),
      replacedAt: optional(isNumber),
    }),
  ),
  signingKey: shape({ kid: isString, privateKeyPem: isPrivateKey }),
  defaults: shape({ callbackUrls: isStrings, certificatePem: isString }),
}) as (value: unknown) => value is Persisted;

/** The field that makes `value` no saved state ("settings → refreshTokenPolicy → kind"), or undefined when it is one. */
export function problemOf(value: unknown): string | undefined {
  failedAt = [];
  if (isPersisted(value)) return undefined;
  return failedAt.length > 0 ? failedAt.join(' → ') : 'the whole file (not a JSON object)';
}
