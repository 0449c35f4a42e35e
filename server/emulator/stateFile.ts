// Reads the emulator's state file (coalescedWrites.ts writes it). A corrupt or unreadable file is set aside, never
// a reason not to start.
import { createPrivateKey } from 'node:crypto';
import { readFileSync, renameSync } from 'node:fs';
import { isAcceptableCallbackUrl } from './callbackUrls.ts';
import { PERIOD_UNITS, PROFILES, REFRESH_POLICIES, type AppSettings, type OrgSettings } from './org.ts';
import type { AccessTokenRecord, RefreshTokenRecord } from './tokenStore.ts';

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

/**
 * The saved state, or undefined when there is none yet. A file that cannot be read or is not a valid state is
 * renamed to `<file>.corrupt-<time>` (kept for the curious) and the emulator starts from defaults, with a warning
 * naming both files: one bad save must never keep the emulator down.
 */
export function loadState(file: string, now: number): Persisted | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    setAside(file, `cannot be read (${code ?? 'unknown error'})`, now);
    return undefined;
  }
  const state = parseState(text);
  if (!state) setAside(file, 'is not a valid emulator state', now);
  else {
    dropUnacceptableCallbacks(file, state);
    upgradeTokenRecords(state);
  }
  return state;
}

/**
 * Files saved before refresh-token families existed: an access token named its refresh token (`refreshKey`), and
 * each refresh token was its own grant. Both become families of one, with the same keys.
 */
function upgradeTokenRecords(state: Persisted): void {
  for (const record of Object.values(state.accessTokens) as (AccessTokenRecord & { refreshKey?: string })[]) {
    if (record.refreshKey !== undefined) {
      record.familyKey ??= record.refreshKey;
      delete record.refreshKey;
    }
  }
  for (const [key, record] of Object.entries(state.refreshTokens)) {
    record.familyKey ??= key;
    record.familyIssuedAt ??= record.issuedAt;
    record.lastUsedAt ??= record.issuedAt;
  }
}

function setAside(file: string, problem: string, now: number): void {
  const backup = `${file}.corrupt-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
  try {
    renameSync(file, backup);
    console.warn(
      `[emulator] Warning: ${file} ${problem}. Starting with default settings; the old file is kept as ${backup}.`,
    );
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    console.warn(
      `[emulator] Warning: ${file} ${problem} and could not be moved aside (${reason}). Starting with default settings.`,
    );
  }
}

/** Callback URLs saved before the setup page checked them (e.g. "https://evil;x/cb") are dropped, with a warning. */
function dropUnacceptableCallbacks(file: string, state: Persisted): void {
  const kept = state.settings.callbackUrls.filter(isAcceptableCallbackUrl);
  const dropped = state.settings.callbackUrls.filter((url) => !kept.includes(url));
  if (dropped.length === 0) return;
  console.warn(
    `[emulator] Warning: ${file} held callback URLs that are not valid, now removed: ${dropped.join(', ')}`,
  );
  state.settings.callbackUrls = kept;
}

function parseState(text: string): Persisted | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isPersisted(value) ? value : undefined;
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
const isPersisted = shape({
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
  org: optional(shape({ allowUsernamePassword: isBoolean, appInstalled: isBoolean })),
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
