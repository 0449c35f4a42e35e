// What a saved emulator state must look like, field by field: a file that does not match is set aside rather than
// trusted (stateFile.ts), since a hand-edited or half-written file must never crash the emulator later.
import { createPrivateKey } from 'node:crypto';
import { PERIOD_UNITS, PROFILES, REFRESH_POLICIES, type AppSettings, type OrgSettings } from './org.ts';
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

/** Every listed field passes its check (extra fields are tolerated: a newer version may have added some). */
const shape =
  (fields: Record<string, Check>): Check =>
  (value) =>
    isObject(value) && Object.entries(fields).every(([name, check]) => check(value[name]));
const recordsOf =
  (check: Check): Check =>
  (value) =>
    isObject(value) && Object.values(value).every(check);

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
  }),
  // allowUserAgent came later: a file without it takes the default.
  org: optional(
    shape({ allowUsernamePassword: isBoolean, allowUserAgent: optional(isBoolean), appInstalled: isBoolean }),
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
