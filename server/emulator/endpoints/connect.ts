// /setup/connect: the device flow's verification page. The user types the code the device shows, logs in if
// needed, and allows (or denies) the app; the device's next poll then gets its tokens (or its refusal).
import { randomBytes } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { appAccess, type EmulatorContext } from '../context.ts';
import type { DeviceAnswer, PendingDeviceCode } from '../devices.ts';
import { checkCredentials, endLogin, sessionUser, startSession } from '../login.ts';
import { answeredForAnother } from './authorizeDecision.ts';
import { expired, showAnswered, showConnected } from './connectAnswers.ts';
import type { OrgUser } from '../org.ts';
import { LOGGED_OUT, renderLogin } from './loginPage.ts';

/** Salesforce's wording for a wrong code was not found in a stored source. */
const INVALID_CODE = 'That code is not valid or has expired. Check the code your device shows and try again.';

export function connectEndpoint(ctx: EmulatorContext): Router {
  const router = Router();
  /**
   * The code this page's form (or query) names, held for this browser apart from its session (pendingLogins.ts):
   * two codes entered at once in two tabs of a fresh browser each got a session, and the later cookie lost the
   * other tab its code. Answered ones only when `answered` asks for them.
   */
  const held = (req: Request, id: unknown = req.body?.request, answered = false) => {
    const code = ctx.pendingDevices.find(req, id);
    return code && (answered || !code.answer) ? code : undefined;
  };

  router.get('/setup/connect', (req, res) => {
    const typed = typeof req.query.user_code === 'string' ? req.query.user_code.slice(0, 20) : '';
    res.render('emulator/connect', { title: 'Connect your device', userCode: typed, error: undefined });
  });

  router.post('/setup/connect', (req, res) => {
    const typed = typeof req.body?.user_code === 'string' ? req.body.user_code.slice(0, 20) : '';
    const authorization = ctx.devices.waitingFor(typed);
    if (!authorization) {
      return res.status(400).render('emulator/connect', {
        title: 'Code not accepted',
        userCode: typed,
        error: INVALID_CODE,
      });
    }
    const code = { id: randomBytes(16).toString('hex'), userCode: authorization.userCode };
    ctx.pendingDevices.hold(req, res, code);
    if (!sessionUser(ctx, req)) return showLogin(res, code);
    res.redirect(303, approvalUrl(code));
  });

  router.post('/setup/connect/login', (req, res, next) => {
    const code = held(req);
    if (!code) return res.status(400).render('emulator/error', expired());
    const result = checkCredentials(ctx, req.body?.username, req.body?.password);
    if (!('user' in result)) {
      const username = typeof req.body?.username === 'string' ? req.body.username : '';
      return showLogin(res.status(result.status), code, { username, error: result.error });
    }
    startSession(req, result.user, next, () => res.redirect(303, approvalUrl(code)));
  });

  // The approval page, a page of its own after the code or the login (Post/Redirect/Get): Back from the page
  // after it returns here, not to a browser asking to send the code or the password again.
  router.get('/setup/connect/approve', (req, res) => {
    if (showAnswered(res, held(req, req.query.request, true))) return;
    const code = held(req, req.query.request);
    const user = sessionUser(ctx, req);
    const authorization = code && ctx.devices.waitingFor(code.userCode);
    if (!code || !authorization) return res.status(400).render('emulator/error', expired());
    if (!user) return showLogin(res, code, { loggedOut: true });
    showApproval(res, code, user, authorization.scopes);
  });

  router.post('/setup/connect/switch', (req, res, next) => {
    const code = held(req);
    if (!code) return res.status(400).render('emulator/error', expired());
    endLogin(req, next, () => showLogin(res, code));
  });

  router.post('/setup/connect/approve', (req, res) => {
    if (showAnswered(res, held(req, req.body?.request, true))) return;
    const code = held(req);
    const user = sessionUser(ctx, req);
    if (!code) return res.status(400).render('emulator/error', expired());
    // Logged out since the page was shown ("Not you?" or Log out in another tab): the code still waits.
    if (!user) return showLogin(res, code, { loggedOut: true });
    const waiting = ctx.devices.waitingFor(code.userCode);
    if (waiting && answeredForAnother(req, user)) return showApproval(res, code, user, waiting.scopes, true);
    const allow = req.body?.decision === 'allow';
    if (!ctx.devices.decide(code.userCode, { userId: user.id, allow })) {
      ctx.pendingDevices.forget(res, code);
      return res.status(400).render('emulator/error', expired());
    }
    // Whether Salesforce lets a device flow's Allow count as the approval the JWT bearer flow needs is unconfirmed:
    // its help names the web server and user-agent flows, and calls the approval the user's own, with a refresh
    // token issued, which this one is too. Counted here, so the device page's approval is the same as the others'.
    if (allow) ctx.state.approve(user.id);
    // Allowed by a user an admin-approved app does not let in: the poll will be refused (invalid_app_access), so
    // the page must not promise access. What Salesforce's page says then is unconfirmed.
    const letIn = !allow || appAccess(ctx, user, 'peek', { grantType: 'device' }).permitted;
    const answer: DeviceAnswer = !allow ? 'deny' : letIn ? 'allow' : 'not-let-in';
    // Kept with its answer, so that Back to the approval page shows that answer.
    code.answer = answer;
    showConnected(res, answer);
  });

  return router;
}

function showLogin(
  res: Response,
  { id }: PendingDeviceCode,
  form: { username?: string; error?: string; loggedOut?: boolean } = {},
): void {
  renderLogin(res, {
    action: '/setup/connect/login',
    hidden: { request: id },
    username: form.username ?? '',
    error: form.error,
    purpose: 'Log in to connect your device.',
    notice: form.loggedOut ? LOGGED_OUT : undefined,
    switchAction: '/setup/connect/switch',
  });
}

/** The device flow always asks: a code typed from someone else's screen must never connect silently. */
function showApproval(
  res: Response,
  { id }: PendingDeviceCode,
  user: OrgUser,
  scopes: string[],
  userChanged = false,
): void {
  res.render('emulator/approve', {
    userChanged,
    title: 'Allow access?',
    pending: { id },
    user,
    scopes,
    approveAction: '/setup/connect/approve',
    switchAction: '/setup/connect/switch',
    remembered: false,
  });
}

const approvalUrl = ({ id }: PendingDeviceCode) =>
  `/setup/connect/approve?${new URLSearchParams({ request: id })}`;
