// Device flow pages: Run asks for a user code, the page shows it with the verification link, and the browser (or
// the "Check now" button) asks this app to poll until the user has allowed access on the other screen.
import type { Request, RequestHandler } from 'express';
import { FlowError } from '../attempts/attempt.ts';
import * as device from '../flows/device.ts';
import { sessionEnded } from '../retiredSessions.ts';
import { describeFailure } from '../salesforce/errors.ts';
import { inTurn, settleOrgFaults } from './attemptFaults.ts';
import { finishAttempt } from './attemptFinish.ts';
import { attemptFor, beginAttempt } from './attemptSession.ts';
import {
  endedAttemptUrl,
  failedAttemptUrl,
  finishedAttemptUrl,
  flowContext,
  renderFlowPage,
} from './flowPages.ts';
import type { Services } from './services.ts';
import { browserOf } from './loginSession.ts';
import { saveSessionFirst } from './sessionSave.ts';

declare module 'express-session' {
  interface SessionData {
    /** The device flow waiting for the user: its codes and polling state. */
    device?: device.DeviceTransaction;
  }
}

/** A device code lasts 10 minutes: an org that still says "pending" 15 minutes on will not say it expired. */
const POLLING_LIMIT_MS = 15 * 60 * 1000;
/**
 * The page while a code waits, opened at the code: below the flow's introduction it was two screens down on a phone,
 * and the code is the one thing to act on.
 */
const WAITING_URL = '/flows/device#code-heading';

/**
 * Sessions with a poll under way. The page's own timer and "Check now" can fire at the same moment; two polls
 * would each save their own copy of the session, the later one undoing what the earlier one recorded (its error,
 * or the sign-in). A second poll answers "still waiting" at once and leaves the session alone. Per process: with
 * several app processes behind Redis, the same race needs a sticky session.
 */
const pollingSessions = new Set<string>();

export function devicePages(services: Services): Record<'page' | 'start' | 'poll', RequestHandler> {
  const { now } = services;
  return {
    page: (req, res) =>
      renderFlowPage(req, res, 'device', {
        // Told first (a screen reader reads the title as the page opens): the code is all the visitor needs now.
        title: req.session.device ? 'Device flow: enter the code' : 'Device flow',
        waiting: req.session.device,
        // The page reloaded itself after a poll was refused (see device.js): if its code went with the session
        // (a logout in another tab), it says so rather than dropping the code without a word. Gone while signed in,
        // the code itself signed this browser in (a poll from another tab showing it).
        codeGone: req.query.reloaded === '1' && !req.session.device && !req.session.login,
        firstPollInS: req.session.device ? device.firstPollInS(req.session.device) : undefined,
        scripts: req.session.device ? ['/js/device.js'] : [],
      }),

    async start(req, res) {
      // The start is the request the device flow's org switch concerns: it takes its turn (see inTurn).
      const next = await inTurn(req, 'device', services, async () => {
        const attempt = beginAttempt(req, 'device', now(), { orgControl: services.orgControl });
        delete req.session.device;
        try {
          const started = await device.start(flowContext(services, attempt), attempt.faults);
          // Another tab signed in or refreshed meanwhile: a code kept in the ended session would never be polled.
          if (sessionEnded(req)) {
            settleOrgFaults(attempt, services.orgControl);
            return endedAttemptUrl('device');
          }
          req.session.device = { ...started, browser: browserOf(req) };
          return WAITING_URL;
        } catch (error) {
          attempt.error = describeFailure(error);
          attempt.ok = false;
          settleOrgFaults(attempt, services.orgControl);
          return failedAttemptUrl('device');
        }
      });
      // The code the page shows is polled from this session: kept before the page is.
      await saveSessionFirst(req, services.config);
      res.redirect(303, next);
    },

    /** One poll. JSON for the page's script ({pending, retryInS} or {redirect}); a redirect for the button. */
    async poll(req, res) {
      const answer = (body: { redirect: string } | { pending: true; retryInS: number }) =>
        req.accepts(['html', 'json']) === 'json'
          ? res.set('Cache-Control', 'no-store').json(body)
          : res.redirect(303, 'redirect' in body ? body.redirect : WAITING_URL);
      if (pollingSessions.has(req.sessionID)) return answer({ pending: true, retryInS: 1 });
      const sessionId = req.sessionID;
      pollingSessions.add(sessionId);
      // Released once the answer is out, which express-session holds back until the session is saved.
      res.once('close', () => pollingSessions.delete(sessionId));
      await pollOnce(req, answer);
    },
  };

  async function pollOnce(
    req: Request,
    answer: (body: { redirect: string } | { pending: true; retryInS: number }) => void,
  ): Promise<void> {
    const transaction = req.session.device;
    // A page still showing a code that another tab's Run has replaced: reloaded, it shows the code being polled.
    const shown = (req.body as Record<string, unknown> | undefined)?.user_code;
    if (!transaction || (typeof shown === 'string' && shown !== transaction.userCode)) {
      // No code at all any more (a logout in another tab took it): the page, reloaded, says so (codeGone).
      return answer({ redirect: transaction ? '/flows/device' : '/flows/device?reloaded=1#code-heading' });
    }
    const attempt = attemptFor(req, 'device', now());
    let outcome: device.PollOutcome;
    try {
      // However long the page took to ask (a background tab's timers slow down), Salesforce says whether the code
      // is still good: an approval given in time may be waiting for this very poll.
      outcome = await device.poll(flowContext(services, attempt, req), transaction);
      // An org that still says "pending" long after a code's 10 minutes would be polled as long as the tab stays
      // open: its answer is undocumented, so the app stops there.
      if (!outcome.done && outcome.asked && now() - transaction.createdAt > POLLING_LIMIT_MS) {
        throw new FlowError(
          'device_still_pending',
          'still pending 15 minutes after the code was issued: this app stopped polling',
        );
      }
    } catch (error) {
      delete req.session.device;
      Object.assign(attempt, { error: describeFailure(error), ok: false });
      settleOrgFaults(attempt, services.orgControl);
      return answer({ redirect: failedAttemptUrl('device') });
    }
    if (!outcome.done) return answer({ pending: true, retryInS: outcome.retryInS });
    delete req.session.device;
    const { tokens } = outcome;
    const signedIn = await finishAttempt(req, attempt, services, async () => tokens);
    settleOrgFaults(attempt, services.orgControl);
    answer({ redirect: finishedAttemptUrl(attempt, signedIn) });
  }
}
