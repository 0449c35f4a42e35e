// The app's "Issue JSON Web Token (JWT)-based access tokens for named users" settings (metadata isNamedUserJwtEnabled,
// namedUserJwtSessionTimeoutType, namedUserJwtTimeout; API 61+): whether tokens are JWTs, and how long they last.

export type NamedUserJwtTimeoutType = 'UserSession' | 'Custom';

/**
 * namedUserJwtTimeout's allowed values, in minutes: 1, 5, 10, 15 and 30, and from API 65 also 60 to 720 (wire
 * reference, flows §9.1). The emulator plays a current org, so it offers them all.
 */
export const NAMED_USER_JWT_TIMEOUTS = [1, 5, 10, 15, 30, 60, 90, 120, 240, 480, 720] as const;

export interface NamedUserJwtSettings {
  /** "Issue JSON Web Token (JWT)-based access tokens for named users". */
  namedUserJwtEnabled: boolean;
  /** UserSession: the session timeout the emulator uses for every token (EMULATOR_SESSION_MINUTES); Custom: below. */
  namedUserJwtTimeoutType: NamedUserJwtTimeoutType;
  /** Minutes, one of NAMED_USER_JWT_TIMEOUTS; used when the type is Custom. */
  namedUserJwtTimeout: number;
}

/**
 * Off, as on a new app. The timeout's default is not documented: the session's own (UserSession) is the choice that
 * changes nothing but the token's format, and 30 minutes, the longest of the first allowed values, stands for Custom.
 */
export function defaultNamedUserJwtSettings(): NamedUserJwtSettings {
  return { namedUserJwtEnabled: false, namedUserJwtTimeoutType: 'UserSession', namedUserJwtTimeout: 30 };
}

export const isNamedUserJwtTimeout = (value: unknown): boolean =>
  (NAMED_USER_JWT_TIMEOUTS as readonly unknown[]).includes(value);

/** A JWT's lifetime in ms: fixed at issue (its exp), the session timeout or the custom minutes. */
export function namedUserJwtLifetimeMs(settings: NamedUserJwtSettings, sessionMs: number): number {
  return settings.namedUserJwtTimeoutType === 'Custom' ? settings.namedUserJwtTimeout * 60_000 : sessionMs;
}
