// What every emulator endpoint needs: options, the org's users, state, codes and the clock; and the app's access rule.
import type { CodeStore } from './codes.ts';
import type { LoginGuard } from './lockout.ts';
import type { OrgUser } from './org.ts';
import type { EmulatorState } from './state.ts';

export interface EmulatorOptions {
  /** Its own origin, e.g. https://localhost:8443: both the login host and the instance. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  callbackUrl: string;
  /** The app's digital-signature certificate (certs/jwt.crt), PEM. */
  certificatePem: string;
  username: string;
  password: string;
  /** Shown on the login page only when the password is the documented local default. */
  demoPasswordHint?: string;
  dataDir: string;
  sessionMinutes: number;
  now?: () => number;
}

/** One request the emulator received at an OAuth endpoint, for tests and the curious. */
export interface ReceivedRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  headers: Record<string, string>;
  at: number;
}

export interface EmulatorContext {
  readonly options: EmulatorOptions;
  readonly baseUrl: string;
  readonly users: readonly OrgUser[];
  readonly state: EmulatorState;
  readonly codes: CodeStore;
  /** Failed logins and password lockouts of the org's users. */
  readonly logins: LoginGuard;
  readonly received: ReceivedRequest[];
  readonly now: () => number;
  /** Access-token lifetime, like an org's session timeout. */
  readonly tokenLifetimeMs: number;
}

export function findUserByUsername(ctx: EmulatorContext, username: string): OrgUser | undefined {
  const wanted = username.trim().toLowerCase();
  return ctx.users.find((user) => user.username.toLowerCase() === wanted);
}

export function findUserById(ctx: EmulatorContext, id: string): OrgUser | undefined {
  return ctx.users.find((user) => user.id === id || user.id.slice(0, 15) === id);
}

/** What the app's permitted-users policy says about one user. */
export interface AppAccess {
  /** May use the app at all (false: invalid_app_access). */
  permitted: boolean;
  /** Needs no approval page: admin-approved and assigned, or approved by the user before. */
  preAuthorized: boolean;
  /** "All users may self-authorize": the user answers an approval page. */
  selfAuthorize: boolean;
}

/**
 * The permitted-users rule, written once. "Admin approved users are pre-authorized" lets in only users whose
 * profile is assigned to the app, with no approval page; "All users may self-authorize" lets everyone in after they
 * approve the app once.
 */
export function appAccess(ctx: EmulatorContext, user: OrgUser): AppAccess {
  const { settings } = ctx.state;
  if (settings.policy === 'admin-approved') {
    const assigned = settings.profiles.includes(user.profile);
    return { permitted: assigned, preAuthorized: assigned, selfAuthorize: false };
  }
  return { permitted: true, preAuthorized: ctx.state.isApproved(user.id), selfAuthorize: true };
}
