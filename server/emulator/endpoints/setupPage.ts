// /setup's pages: the settings page itself (with the org's users and their lockouts), the login in front of it,
// Salesforce's refusal for a user who is not an administrator, and the session's own CSRF token for its forms.
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { EmulatorContext } from '../context.ts';
import { LOCKOUT_STATUS } from '../lockout.ts';
import { NAMED_USER_JWT_TIMEOUTS } from '../namedUserJwt.ts';
import { sessionUser } from '../login.ts';
import {
  DEFAULT_SCOPES,
  OPTIONAL_SCOPES,
  PERIOD_UNITS,
  PROFILES,
  securityToken,
  type OrgUser,
} from '../org.ts';
import { permissionOf } from '../scopes.ts';
import { safeEqual } from '../secrets.ts';
import { renderLogin } from './loginPage.ts';

declare module 'express-session' {
  interface SessionData {
    sfSetupCsrf?: string;
    /** What the last change did, shown once by the page the change redirected to. */
    sfSetupDone?: string;
  }
}

/**
 * The login in front of Setup. Its form's token (against login CSRF) is the id of a login held for this page and
 * browser apart from the session (pendingLogins.ts): as a session's token, two Setup tabs opened at once in a fresh
 * browser each got a session, and the one whose cookie the browser did not keep was told its form expired. A login
 * page shown again (a wrong password) keeps its `held` login.
 */
export function showLogin(
  ctx: EmulatorContext,
  req: Request,
  res: Response,
  form: { username?: string; error?: string } = {},
  held?: { id: string },
): void {
  const login = held ?? { id: randomBytes(16).toString('hex') };
  ctx.setupLogins.hold(req, res, login);
  renderLogin(res, {
    action: '/setup/login',
    hidden: { csrf: login.id },
    username: form.username ?? '',
    error: form.error,
    purpose: 'Setup needs a System Administrator. Log in to continue.',
  });
}

/** Salesforce's answer when a user's profile lacks the permission; nothing is shown or changed. */
export function refuse(req: Request, res: Response, user: OrgUser | undefined): void {
  res.status(403).render('emulator/refused', {
    title: 'Insufficient Privileges',
    user,
    csrf: csrfToken(req),
  });
}

export function render(
  ctx: EmulatorContext,
  req: Request,
  res: Response,
  extra: Record<string, unknown>,
): void {
  res.render('emulator/setup', {
    settings: ctx.state.settings,
    org: ctx.state.org,
    clientId: ctx.options.clientId,
    demoSecretHint: ctx.options.demoSecretHint,
    profiles: PROFILES,
    allScopes: [...DEFAULT_SCOPES, ...OPTIONAL_SCOPES],
    // Named as Salesforce's Selected OAuth Scopes names them, the scope after the permission.
    scopeLabel: permissionOf,
    periodUnits: PERIOD_UNITS,
    namedUserJwtTimeouts: NAMED_USER_JWT_TIMEOUTS,
    sessionMinutes: ctx.options.sessionMinutes,
    csrf: csrfToken(req),
    admin: sessionUser(ctx, req),
    users: ctx.users.map((user) => loginStatus(ctx, user)),
    lockoutStatus: LOCKOUT_STATUS,
    errors: [],
    fieldErrors: {},
    ...extra,
    // Said first (a screen reader reads the title as the page opens), and the page opens at the list (the form's
    // action carries #setup-errors): the errors were above a long form, out of sight from its Save button.
    title: (extra.errors as unknown[] | undefined)?.length ? 'App settings: nothing saved' : 'App settings',
  });
}

/** What Setup → Users shows about logins: failures so far, and a lock with the time it ends. */
function loginStatus(ctx: EmulatorContext, user: OrgUser) {
  const { failedLogins, lockedUntil } = ctx.logins.status(user.id);
  const lockedUntilText = lockedUntil
    ? `${new Date(lockedUntil).toISOString().slice(11, 16)} UTC`
    : undefined;
  return {
    ...user,
    failedLogins,
    lockedUntilText,
    securityToken: securityToken(ctx.options.password, user.id),
  };
}

function csrfToken(req: Request): string {
  req.session.sfSetupCsrf ??= randomBytes(16).toString('hex');
  return req.session.sfSetupCsrf;
}

export function validCsrf(req: Request): boolean {
  const sent = typeof req.body?.csrf === 'string' ? req.body.csrf : '';
  const expected = req.session.sfSetupCsrf;
  return typeof expected === 'string' && safeEqual(sent, expected);
}
