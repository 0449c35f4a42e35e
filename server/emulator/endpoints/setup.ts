// /setup: the emulated app's settings (policy, secrets, PKCE, flows, Run As, refresh tokens, certificate, callbacks),
// the org's OAuth settings, and its users' lockouts and security tokens.
// Like Salesforce's Setup, it needs a logged-in System Administrator before it shows or changes anything.
import { randomBytes } from 'node:crypto';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { containsPrivateKey } from '../../pem.ts';
import type { EmulatorContext } from '../context.ts';
import { checkCredentials, sessionUser, startSession } from '../login.ts';
import { PRIVATE_KEY_PASTED, readForm } from './setupForm.ts';
import { refuse, render, showLogin, validCsrf } from './setupPage.ts';

const ADMIN_PROFILE = 'System Administrator';
const FORM_EXPIRED = 'The form expired: reload the page and try again.';
const SETTINGS_CHANGED =
  'The settings changed since this page was loaded (saved in another tab, or the emulator was reset or restarted): saving this form would have undone that. Make your change again on the settings as they are now.';

export function setupEndpoint(ctx: EmulatorContext): Router {
  const router = Router();

  /**
   * Changes to the settings since a form was loaded: a form from before one (another tab, a reset) would put back
   * what it showed, undoing that change without a word. New per process: a form from before a restart is old too.
   */
  let settingsStamp = randomBytes(8).toString('hex');
  const changed = () => (settingsStamp = randomBytes(8).toString('hex'));
  const page = (req: Request, res: Response, extra: Record<string, unknown>) =>
    render(ctx, req, res, { stamp: settingsStamp, ...extra });
  /**
   * Post/Redirect/Get: a reload of the page after a change shows it, and never sends the change again. Opened at
   * its message: a redirect without a fragment of its own would keep the form's (#setup-errors).
   */
  const done = (req: Request, res: Response, message: string) => {
    req.session.sfSetupDone = message;
    res.redirect(303, '/setup#setup-saved');
  };

  router.get('/setup', (req, res) => {
    const user = sessionUser(ctx, req);
    if (!user) return showLogin(ctx, req, res.status(401));
    if (user.profile !== ADMIN_PROFILE) return refuse(req, res, user);
    const saved = req.session.sfSetupDone;
    delete req.session.sfSetupDone;
    page(req, res, { saved });
  });

  router.post('/setup/login', (req, res, next) => {
    const login = ctx.setupLogins.find(req, req.body?.csrf);
    if (!login) return showLogin(ctx, req, res.status(403), { error: FORM_EXPIRED });
    const result = checkCredentials(ctx, req.body?.username, req.body?.password);
    if (!('user' in result)) {
      const username = typeof req.body?.username === 'string' ? req.body.username : '';
      return showLogin(ctx, req, res.status(result.status), { username, error: result.error }, login);
    }
    ctx.setupLogins.forget(res, login);
    startSession(req, result.user, next, () => res.redirect(303, '/setup'));
  });

  router.post('/setup/logout', (req, res, next) => {
    if (!validCsrf(req)) return res.redirect(303, '/setup');
    req.session.destroy((error: unknown) => (error ? next(error) : res.redirect(303, '/setup')));
  });

  router.post('/setup', adminOnly(ctx, page), (req, res) => {
    if (req.body?.stamp !== settingsStamp) {
      return page(req, res.status(409), { errors: [SETTINGS_CHANGED], current: true });
    }
    const userIds = ctx.users.map((user) => user.id);
    const { settings, org, errors, fieldErrors } = readForm(
      ctx.state.settings,
      req.body ?? {},
      userIds,
      ctx.state.org,
    );
    if (errors.length > 0) {
      // The form comes back as typed, so one mistake does not cost every other change; a private key pasted in
      // any field is never sent back, in the form or quoted by an error.
      if (Object.values(req.body ?? {}).some((value) => containsPrivateKey(String(value)))) {
        return page(req, res.status(400), { errors: [PRIVATE_KEY_PASTED] });
      }
      // N as typed too: the saved N in place of a refused one would read as accepted, and a second Save keep it.
      const typedAmount = req.body?.refreshTokenAmount;
      return page(req, res.status(400), {
        errors,
        fieldErrors,
        settings,
        org,
        typedAmount: typeof typedAmount === 'string' ? typedAmount : undefined,
      });
    }
    ctx.state.updateSettings(settings, org);
    changed();
    done(req, res, 'Settings saved. They apply to the next request.');
  });

  router.post('/setup/reset', adminOnly(ctx, page), (req, res) => {
    ctx.state.reset();
    ctx.logins.unlockAll();
    changed();
    done(req, res, 'The emulator was reset: default settings, no approvals, no tokens.');
  });

  router.post('/setup/unlock', adminOnly(ctx, page), (req, res) => {
    const user = ctx.users.find((candidate) => candidate.id === req.body?.userId);
    if (!user) return page(req, res.status(400), { errors: ['There is no such user.'] });
    ctx.logins.unlock(user.id);
    done(req, res, `${user.username} is unlocked and can log in again.`);
  });

  return router;
}

/**
 * Changes need a System Administrator's session first, then this session's CSRF token. The page a refused token
 * gets is `page`'s, with the current settings stamp, so saving from it works.
 */
function adminOnly(
  ctx: EmulatorContext,
  page: (req: Request, res: Response, extra: Record<string, unknown>) => void,
) {
  return (req: Request, res: Response, next: NextFunction) => {
    const user = sessionUser(ctx, req);
    if (user?.profile !== ADMIN_PROFILE) return refuse(req, res, user);
    if (!validCsrf(req)) return page(req, res.status(403), { errors: [FORM_EXPIRED] });
    next();
  };
}
