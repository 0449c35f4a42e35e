// An attempt's last step: success signs the visitor in under a new session id, and tokens the session cannot keep
// (a logout ended it meanwhile, Redis refused the write) are revoked at the org rather than left behind.
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { FlowError, type Attempt } from '../attempts/attempt.ts';
import { sessionEnded, sessionLoggedOut } from '../retiredSessions.ts';
import { describeFailure } from '../salesforce/errors.ts';
import type { Login, TokenSet } from '../salesforce/tokens.ts';
import type { Services } from './services.ts';
import { attemptLog } from './attemptTranscript.ts';
import { startLoggedInSession } from './loginSession.ts';
import { saveSessionFirst, signInNotKept } from './sessionSave.ts';

/** The error of an attempt whose session a logout or another tab's sign-in ended while it ran. */
export const SESSION_ENDED = 'session_ended';

/**
 * Runs an attempt's last step. Success signs the visitor in under a new session id, the finished attempt moving
 * into the login; any failure is recorded on the attempt. Returns whether the visitor is now signed in.
 */
export async function finishAttempt(
  req: Request,
  attempt: Attempt,
  services: Pick<Services, 'api' | 'now' | 'config'>,
  lastStep: () => Promise<TokenSet | Login>,
): Promise<boolean> {
  const signedIn = await settleAttempt(req, attempt, services, lastStep);
  // Redis can refuse the write (down, full, read-only); then the visitor is told so now, with a 503 naming
  // REDIS_URL, not sent on to a page that says "not signed in".
  try {
    await saveSessionFirst(req, services.config);
  } catch (error) {
    if (!signedIn) throw error;
    // The login the org just granted is lost with the write.
    throw signInNotKept(error, await revokeRefreshToken(req, attempt, services, 'revoke (tokens not kept)'));
  }
  if (signedIn && browserLeft(req)) await endUnreachableLogin(req, attempt, services);
  return signedIn;
}

/** The connection closed before the answer went out (a reload, a closed tab): the browser never gets the new id. */
function browserLeft(req: Request): boolean {
  return Boolean(req.res && !req.res.headersSent && req.res.destroyed);
}

/**
 * A login under a session id no browser will ever send: nobody can use it or log out of it. It ends now, its refresh
 * token revoked as a logout would, rather than left until the session is forgotten (and in Redis, for good).
 */
async function endUnreachableLogin(req: Request, attempt: Attempt, services: Pick<Services, 'api'>) {
  await revokeRefreshToken(req, attempt, services, 'revoke (browser left)');
  await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
}

/**
 * The refresh token of a login nobody will use, valid until revoked and one of the user's five grants: revoked rather
 * than left behind (never an access token alone: see settleAttempt). Says whether there was one.
 */
async function revokeRefreshToken(
  req: Request,
  attempt: Attempt,
  services: Pick<Services, 'api'>,
  leg: string,
): Promise<boolean> {
  const refreshToken = req.session.login?.tokens.refresh_token;
  if (!refreshToken) return false;
  await revoke(services, attempt, refreshToken, leg);
  return true;
}

/** A revoke, as a leg of the attempt's transcript; its failure changes nothing of the attempt's outcome. */
async function revoke(services: Pick<Services, 'api'>, attempt: Attempt, token: string, leg: string) {
  await services.api.revokeToken(token, attemptLog(attempt).entry, leg).catch(() => undefined);
}

async function settleAttempt(
  req: Request,
  attempt: Attempt,
  services: Pick<Services, 'api' | 'now'>,
  lastStep: () => Promise<TokenSet | Login>,
): Promise<boolean> {
  try {
    const result = await lastStep();
    // A logout ended this session while the attempt ran: it stands. So does another tab's sign-in or refresh
    // against a refresh of the old login; a new sign-in, like any later one, takes the browser over.
    const continuing = 'tokens' in result;
    if (sessionLoggedOut(req) || (continuing && sessionEnded(req))) {
      // Only a refresh token is this attempt's alone: Salesforce may answer a grant with an access token another
      // tab already holds, which revoking would take from it.
      const tokens = continuing ? result.tokens : result;
      if (tokens.refresh_token)
        await revoke(services, attempt, tokens.refresh_token, 'revoke (tokens not kept)');
      throw new FlowError(
        SESSION_ENDED,
        'this session ended while the attempt ran: its tokens were not kept',
      );
    }
    attempt.ok = true;
    // The record moves into the login: the flow's page shows it from there.
    if (req.session.attempts) delete req.session.attempts[attempt.flow];
    // A refresh continues the same login (its identity, version, rotated tokens); every other flow starts one. Both
    // take a new session id: a slower request still holding the old one can then never write its older tokens back.
    const login: Login = continuing
      ? { ...result, id: result.id ?? randomUUID(), attempt }
      : { id: randomUUID(), flow: attempt.flow, tokens: result, receivedAt: services.now(), attempt };
    const replaced = continuing ? undefined : req.session.login?.tokens;
    await startLoggedInSession(req, login, continuing);
    // The replaced login is forgotten: its refresh token (valid until revoked, by default) is revoked as a logout
    // would, before the answer (one still under way would reach whatever answers next). Not when the new grant has
    // the same access token (Salesforce may reuse one; revoking the refresh token takes its access tokens too), nor
    // the old access token alone (it expires on its own). The revoke is a leg of this attempt's transcript.
    const shared = replaced?.access_token === login.tokens.access_token;
    if (replaced?.refresh_token && replaced.refresh_token !== login.tokens.refresh_token && !shared)
      await revoke(services, attempt, replaced.refresh_token, 'revoke (replaced login)');
    return true;
  } catch (error) {
    attempt.error = describeFailure(error);
    attempt.ok = false;
    return false;
  }
}
