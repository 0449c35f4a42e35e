// What every emulator endpoint needs: options, the org's users, state, codes and the clock; and the app's access rule.
import type { CodeStore } from './codes.ts';
import type { LoginGuard } from './lockout.ts';
import type { FaultRequest, OrgFaultSwitch } from './orgControl.ts';
import type { OrgUser } from './org.ts';
import type { DeviceStore, PendingDeviceCode } from './devices.ts';
import type { PendingLogins } from './pendingLogins.ts';
import type { EmulatorState } from './state.ts';

export interface EmulatorOptions {
  /** The generic login host, e.g. https://localhost:8443 (like login.salesforce.com). */
  baseUrl: string;
  /** The org's My Domain on the same server, e.g. https://127.0.0.1:8443: instance_url, and REST's only host. */
  myDomainUrl: string;
  /**
   * Where a browser reaches the login host when not at baseUrl (EMULATOR_PUBLIC_URL: Codespaces, a tunnel): the pages
   * and redirects a browser follows use it; issuers, identity URLs and every server-side answer keep baseUrl.
   */
  publicUrl?: string;
  /** The playground's origin, for the "explain this error" links on the emulator's error pages. */
  appUrl?: string;
  clientId: string;
  clientSecret: string;
  callbackUrl: string;
  /** The app's digital-signature certificate (certs/jwt.crt), PEM. */
  certificatePem: string;
  username: string;
  password: string;
  /** Shown on the login page only when the password is the documented local default. */
  demoPasswordHint?: string;
  /** Shown on Setup (as Manage Consumer Details would) only when the secret is the documented local default. */
  demoSecretHint?: string;
  dataDir: string;
  sessionMinutes: number;
  now?: () => number;
  /** How long state changes gather before one write (tests lengthen it to see that nothing is written sooner). */
  stateWriteDelayMs?: number;
  /** The id_token signing key for a fresh state, PEM (tests share one: making a key costs a third of a second). */
  signingKeyPem?: string;
  /** Compile each view once (default); off under `npm run dev`. */
  viewCache?: boolean;
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
  /** The login host: the `id` of every token response points here. */
  readonly baseUrl: string;
  readonly myDomainUrl: string;
  readonly users: readonly OrgUser[];
  readonly state: EmulatorState;
  readonly codes: CodeStore;
  readonly devices: DeviceStore;
  /** Org-side faults armed by the playground for its next attempt. */
  readonly faults: OrgFaultSwitch;
  /** Failed logins and password lockouts of the org's users. */
  readonly logins: LoginGuard;
  /** Authorize requests waiting for a login or an approval, each tied to its login page and browser. */
  readonly pendingLogins: PendingLogins;
  /** Codes typed at the device flow's verification page, the same way. */
  readonly pendingDevices: PendingLogins<PendingDeviceCode>;
  /** Setup's login pages, the same way (the id is the form's login-CSRF token). */
  readonly setupLogins: PendingLogins<{ id: string }>;
  readonly received: ReceivedRequest[];
  readonly now: () => number;
  /** How long an access token lasts unused, like an org's session timeout (see TokenStore.noteUse). */
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
 * approve the app once. The armed fault 'admin-approved-no-profile' plays an admin-approved policy that lists no
 * profile: a decision that only looks ahead ('peek', the approval page) leaves it armed for the refusal itself.
 * `request` says which login or grant the request belongs to, for a fault bound to one.
 */
export function appAccess(
  ctx: EmulatorContext,
  user: OrgUser,
  fault: 'peek' | 'take' = 'take',
  request: FaultRequest = {},
): AppAccess {
  const { settings } = ctx.state;
  const noProfile =
    fault === 'take'
      ? ctx.faults.take('admin-approved-no-profile', request)
      : ctx.faults.isArmed('admin-approved-no-profile', request);
  if (noProfile) return { permitted: false, preAuthorized: false, selfAuthorize: false };
  if (settings.policy === 'admin-approved') {
    const assigned = settings.profiles.includes(user.profile);
    return { permitted: assigned, preAuthorized: assigned, selfAuthorize: false };
  }
  return { permitted: true, preAuthorized: ctx.state.isApproved(user.id), selfAuthorize: true };
}

/**
 * Since September 2025 an org blocks an uninstalled connected app for users who have not authorized it before and
 * lack "Approve Uninstalled Connected Apps", which System Administrators have (wire reference, flows §10). The
 * device flow is blocked for everyone (grants/device.ts).
 */
export function blockedAsUninstalled(ctx: EmulatorContext, user: OrgUser): boolean {
  if (ctx.state.org.appInstalled || user.profile === 'System Administrator') return false;
  // An earlier approval, or an admin's pre-authorization of the user's profile, lets the user in. That the latter
  // lifts the block is unconfirmed (an app's policies are usually edited after installing it): the safe reading.
  return !appAccess(ctx, user, 'peek').preAuthorized;
}
