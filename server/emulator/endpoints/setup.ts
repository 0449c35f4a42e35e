// /setup: the emulated app's settings (policy, secrets, PKCE, flows, Run As, refresh tokens, certificate, callbacks),
// the org's OAuth settings, and its users' lockouts and security tokens.
// Like Salesforce's Setup, it needs a logged-in System Administrator before it shows or changes anything.
import { randomBytes } from 'node:crypto';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { containsPrivateKey } from '../../pem.ts';
import type { EmulatorContext } from '../context.ts';
import { LOCKOUT_STATUS } from '../lockout.ts';
import { checkCredentials, sessionUser, startSession } from '../login.ts';
import {
  DEFAULT_SCOPES,
  OPTIONAL_SCOPES,
  PERIOD_UNITS,
  PROFILES,
  securityToken,
  type OrgUser,
} from '../org.ts';
import { safeEqual } from '../secrets.ts';
import { renderLogin } from './loginPage.ts';
import { PRIVATE_KEY_PASTED, readForm } from './setupForm.ts';

declare module 'express-session' {
  interface SessionData {
    sfSetupCsrf?: string;
  }
}

const ADMIN_PROFILE = 'System Administrator';
const FORM_EXPIRED = 'The form expired: reload the page and try again.';

export function setupEndpoint(ctx: EmulatorContext): Router {
  const router = Router();

  router.get('/setup', (req, res) => {
    const user = sessionUser(ctx, req);
    if (!user) return showLogin(req, res.status(401));
    if (user.profile !== ADMIN_PROFILE) return refuse(req, res, user);
    render(ctx, req, res, {});
  });

  router.post('/setup/login', (req, res, next) => {
    if (!validCsrf(req)) return showLogin(req, res.status(403), { error: FORM_EXPIRED });
    const result = checkCredentials(ctx, req.body?.username, req.body?.password);
    if (!('user' in result)) {
      const username = typeof req.body?.username === 'string' ? req.body.username : '';
      return showLogin(req, res.status(result.status), { username, error: result.error });
    }
    startSession(req, result.user, next, () => res.redirect(303, '/setup'));
  });

  router.post('/setup/logout', (req, res, next) => {
    if (!validCsrf(req)) return res.redirect(303, '/setup');
    req.session.destroy((error: unknown) => (error ? next(error) : res.redirect(303, '/setup')));
  });

  router.post('/setup', adminOnly(ctx), (req, res) => {
    const userIds = ctx.users.map((user) => user.id);
    const { settings, org, errors } = readForm(ctx.state.settings, req.body ?? {}, userIds, ctx.state.org);
    if (errors.length > 0) {
      // The form comes back as typed, so one mistake does not cost every other change; a private key pasted in
      // any field is never sent back, in the form or quoted by an error.
      if (Object.values(req.body ?? {}).some((value) => containsPrivateKey(String(value)))) {
        return render(ctx, req, res.status(400), { errors: [PRIVATE_KEY_PASTED] });
      }
      return render(ctx, req, res.status(400), { errors, settings, org });
    }
    ctx.state.updateSettings(settings, org);
    render(ctx, req, res, { saved: 'Settings saved. They apply to the next request.' });
  });

  router.post('/setup/reset', adminOnly(ctx), (req, res) => {
    ctx.state.reset();
    ctx.logins.unlockAll();
    render(ctx, req, res, { saved: 'The emulator was reset: default settings, no approvals, no tokens.' });
  });

  router.post('/setup/unlock', adminOnly(ctx), (req, res) => {
    const user = ctx.users.find((candidate) => candidate.id === req.body?.userId);
    if (!user) return render(ctx, req, res.status(400), { errors: ['There is no such user.'] });
    ctx.logins.unlock(user.id);
    render(ctx, req, res, { saved: `${user.username} is unlocked and can log in again.` });
  });

  return router;
}

/** Changes need a System Administrator's session first, then this session's CSRF token. */
function adminOnly(ctx: EmulatorContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    const user = sessionUser(ctx, req);
    if (user?.profile !== ADMIN_PROFILE) return refuse(req, res, user);
    if (!validCsrf(req)) return render(ctx, req, res.status(403), { errors: [FORM_EXPIRED] });
    next();
  };
}

function showLogin(req: Request, res: Response, form: { username?: string; error?: string } = {}): void {
  renderLogin(res, {
    action: '/setup/login',
    hidden: { csrf: csrfToken(req) },
    username: form.username ?? '',
    error: form.error,
    purpose: 'Setup needs a System Administrator. Log in to continue.',
  });
}

/** Salesforce's answer when a user's profile lacks the permission; nothing is shown or changed. */
function refuse(req: Request, res: Response, user: OrgUser | undefined): void {
  res.status(403).render('emulator/refused', {
    title: 'Insufficient Privileges',
    user,
    csrf: csrfToken(req),
  });
}

function render(ctx: EmulatorContext, req: Request, res: Response, extra: Record<string, unknown>): void {
  res.render('emulator/setup', {
    title: 'App settings',
    settings: ctx.state.settings,
    org: ctx.state.org,
    clientId: ctx.options.clientId,
    demoSecretHint: ctx.options.demoSecretHint,
    profiles: PROFILES,
    allScopes: [...DEFAULT_SCOPES, ...OPTIONAL_SCOPES],
    periodUnits: PERIOD_UNITS,
    csrf: csrfToken(req),
    admin: sessionUser(ctx, req),
    users: ctx.users.map((user) => loginStatus(ctx, user)),
    lockoutStatus: LOCKOUT_STATUS,
    errors: [],
    ...extra,
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

function validCsrf(req: Request): boolean {
  const sent = typeof req.body?.csrf === 'string' ? req.body.csrf : '';
  const expected = req.session.sfSetupCsrf;
  return typeof expected === 'string' && safeEqual(sent, expected);
}
