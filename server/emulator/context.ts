// What every emulator endpoint needs: options, the org's users, state, codes and the clock.
import type { EmulatorOptions, ReceivedRequest } from './app.ts';
import type { CodeStore } from './codes.ts';
import type { OrgUser } from './org.ts';
import type { EmulatorState } from './state.ts';

export interface EmulatorContext {
  readonly options: EmulatorOptions;
  readonly baseUrl: string;
  readonly users: readonly OrgUser[];
  readonly state: EmulatorState;
  readonly codes: CodeStore;
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

/** Pre-authorized: admin-approved policy with the user's profile assigned, or the user approved the app before. */
export function isPreAuthorized(ctx: EmulatorContext, user: OrgUser): boolean {
  const { settings } = ctx.state;
  if (settings.policy === 'admin-approved') return settings.profiles.includes(user.profile);
  return ctx.state.isApproved(user.id);
}
