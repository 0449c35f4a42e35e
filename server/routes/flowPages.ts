// What every flow page does: render with the latest attempt of that flow, and run an attempt to its end.
import type { Request, Response } from 'express';
import type { Attempt, FlowName } from '../attempts/attempt.ts';
import type { FlowContext } from '../flows/context.ts';
import type { Login, TokenSet } from '../salesforce/tokens.ts';
import { inTurn, settleOrgFaults } from './attemptFaults.ts';
import { finishAttempt, SESSION_ENDED } from './attemptFinish.ts';
import { beginAttempt, latestAttempt } from './attemptSession.ts';
import { attemptLog } from './attemptTranscript.ts';
import type { Services } from './services.ts';

declare module 'express-session' {
  interface SessionData {
    /** A replayed callback of this flow was just refused (replayedAttemptUrl): its page says so, once. */
    replayedAnswer?: FlowName;
  }
}

/**
 * The flow's page, showing this session's latest attempt of that flow (never cached: it may hold tokens). Its CSRF
 * token is in a meta tag too, where the page's scripts (Reveal, copies, the device poll) read it.
 */
export function renderFlowPage(
  req: Request,
  res: Response,
  flow: FlowName,
  locals: { title: string } & Record<string, unknown>,
): void {
  const attempt = latestAttempt(req, flow);
  const ended = req.query.ended === '1';
  const replayed = replayedNote(req, flow);
  // The tab says so when the page shows a failed attempt: after a Run it is the first thing a screen reader reads.
  const title = attempt?.ok === false ? `${locals.title}: last attempt failed` : locals.title;
  res
    .set('Cache-Control', 'no-store')
    .render(`flows/${flow}`, { attempt, flow, csrfMeta: true, ended, replayed, ...locals, title });
}

/**
 * Where a failed attempt lands: its flow page, scrolled to what happened. Opened at the top, a long page kept the
 * error below the fold, and a failed Run looked like nothing at all.
 */
export function failedAttemptUrl(flow: FlowName): string {
  return `/flows/${flow}#teaching-heading`;
}

/**
 * Where a finished attempt lands: the result page once signed in; its flow page otherwise, told when the attempt's
 * session ended meanwhile (its record went with that session, so the page has nothing else to show of it).
 */
export function finishedAttemptUrl(attempt: Attempt, signedIn: boolean): string {
  if (signedIn) return '/result';
  if (attempt.error?.error === SESSION_ENDED) return endedAttemptUrl(attempt.flow);
  // A JWT user who never approved the app: the page's two cures and its "Approve once" button come first, above
  // what happened (it opened below them, out of view). Not for a "break it" switch, whose notice is below.
  if (attempt.flow === 'jwt' && notApproved(attempt) && attempt.faults.length === 0) return '/flows/jwt#cure';
  return failedAttemptUrl(attempt.flow);
}

/**
 * Where a callback this session already answered sends the browser (Back to Salesforce's authorize page, which,
 * still logged in, answers again at once; a reloaded callback): to the page of the finished attempt the flow shows,
 * unchanged, with a note at its top (partials/replayed.ejs). At the top, not at the lesson: after Back the browser
 * restores the history entry's scroll position, not the URL's #fragment. Undefined when the flow shows no finished
 * attempt: the replay is then refused as an attempt of its own.
 */
export function replayedAttemptUrl(req: Request, flow: FlowName): string | undefined {
  const shown = latestAttempt(req, flow);
  if (shown?.ok === undefined) return undefined;
  req.session.replayedAnswer = flow;
  return `${shown.id === req.session.login?.attempt?.id ? '/result' : `/flows/${flow}`}?replayed=1`;
}

/**
 * Whether the page of `flow`'s attempt says that a replayed callback was refused: only right after one was (the
 * session says so, once), never because a link carries ?replayed=1.
 */
export function replayedNote(req: Request, flow: FlowName | undefined): boolean {
  const refused = req.session.replayedAnswer;
  if (refused !== undefined) delete req.session.replayedAnswer;
  return req.query.replayed === '1' && refused !== undefined && refused === flow;
}

/** Salesforce refused the JWT bearer flow's user as one who never approved the app: its page shows the cures. */
export function notApproved(attempt: Attempt | undefined): boolean {
  return attempt?.error?.error_description === "user hasn't approved this consumer";
}

/** The flow page with the notice that an attempt's session ended while it ran (see partials/ended.ejs). */
export function endedAttemptUrl(flow: FlowName): string {
  return `/flows/${flow}?ended=1`;
}

/** The flow's context for one attempt: its log writes into that attempt; `req` tells the login the browser holds. */
export function flowContext({ config, api, now }: Services, attempt: Attempt, req?: Request): FlowContext {
  return { config, api, now, log: attemptLog(attempt), held: req?.session.login?.tokens };
}

/** Runs one attempt of a flow that needs no redirect: success lands on /result, failure back on the flow page. */
export async function runAttempt(
  services: Services,
  req: Request,
  res: Response,
  flow: FlowName,
  lastStep: (ctx: FlowContext, attempt: Attempt) => Promise<TokenSet | Login>,
): Promise<void> {
  const { attempt, signedIn } = await inTurn(req, flow, services, async () => {
    const attempt = beginAttempt(req, flow, services.now(), { orgControl: services.orgControl });
    const ctx = flowContext(services, attempt, req);
    const signedIn = await finishAttempt(req, attempt, services, () => lastStep(ctx, attempt));
    settleOrgFaults(attempt, services.orgControl);
    return { attempt, signedIn };
  });
  res.redirect(303, finishedAttemptUrl(attempt, signedIn));
}
