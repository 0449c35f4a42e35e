// Pre-flight of a redirect flow: this app asks the authorize endpoint itself (no redirect followed) before sending
// the browser there. When Salesforce would show its own error page (an unknown consumer key, a callback that does
// not match), the playground explains the error instead of leaving the learner stranded on that page.
import type { TranscriptEntry } from '../attempts/attempt.ts';
import { SalesforceError } from '../salesforce/errors.ts';
import type { SalesforceResponse } from '../salesforce/http.ts';
import type { FlowContext } from './context.ts';

export interface PreflightError {
  error: string;
  error_description?: string;
  /** Salesforce sent the refusal back to the app's callback, not to a page of its own. */
  toCallback?: boolean;
}

/** Undefined when the authorize request would reach the login page (a 200 page, or a redirect to it). */
export async function preflightAuthorize(
  ctx: FlowContext,
  authorizeUrl: string,
): Promise<PreflightError | undefined> {
  let recorded: TranscriptEntry | undefined;
  let answer: SalesforceResponse;
  try {
    answer = await ctx.api.probe('pre-flight', authorizeUrl, (entry) => (recorded = entry));
  } catch (error) {
    // No answer (nothing listening, a certificate not trusted, a timeout): the call stays in the transcript, where
    // the explanation sends the learner to read the host it went to.
    if (recorded) ctx.log.entry(recorded);
    throw error;
  }
  const refused = errorOf(answer);
  if (refused && sentToCallback(answer, authorizeUrl)) refused.toCallback = true;
  if (recorded) {
    // The login page itself teaches nothing here and would only fill the session: its answer is summed up.
    if (!refused) {
      recorded.responseBody = '(the login page: Salesforce accepts this client_id and redirect_uri)';
      delete recorded.responseBytes;
    }
    ctx.log.entry(recorded);
  }
  // Neither a refusal nor a login page: nothing lives at that address (another server on SF_LOGIN_URL's host or
  // port). The browser, sent on, would land on a page that says nothing about the login.
  if (!refused && NOTHING_THERE.has(answer.status)) {
    const where = `${new URL(authorizeUrl).origin}/services/oauth2/authorize`;
    throw new SalesforceError(
      'no_authorize_endpoint',
      `HTTP ${answer.status} from ${where}`,
      answer.status,
      '',
      'app',
    );
  }
  return refused;
}

/** Answers that say no such page: Salesforce's authorize endpoint always has one, a login or an error. */
const NOTHING_THERE = new Set([404, 405, 410]);

/**
 * Salesforce answers a refused authorize request with a redirect to its RemoteAccessErrorPage (or to the callback)
 * carrying error and error_description, or with a page showing "error=...&error_description=..." as text.
 */
export function errorOf(answer: SalesforceResponse): PreflightError | undefined {
  const location = answer.headers.location;
  if (answer.status >= 300 && answer.status < 400 && location) {
    const url = new URL(location, 'https://salesforce.invalid');
    const params = new URLSearchParams(url.search || url.hash.slice(1));
    const error = params.get('error');
    return error ? { error, error_description: params.get('error_description') ?? undefined } : undefined;
  }
  const shown = /error=([A-Za-z_]+)(?:&amp;|&)error_description=([^<&"\s]*)/.exec(answer.body);
  if (shown) return { error: shown[1], error_description: decodeText(shown[2]) };
  return undefined;
}

/** Whether the answer redirects to the redirect_uri the request named (its query or fragment aside). */
export function sentToCallback(answer: SalesforceResponse, authorizeUrl: string): boolean {
  const callback = new URL(authorizeUrl).searchParams.get('redirect_uri');
  const location = answer.headers.location;
  if (!callback || !location || answer.status < 300 || answer.status >= 400) return false;
  const target = new URL(location, authorizeUrl);
  // Both as the URL parser writes them: a callback configured with capitals or :443 is the same address.
  if (!URL.canParse(callback)) return false;
  const registered = new URL(callback);
  return target.origin === registered.origin && target.pathname === registered.pathname;
}

/** The page shows the description percent-encoded (%20 for spaces), as Salesforce's does. */
function decodeText(encoded: string): string {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, ' '));
  } catch {
    return encoded;
  }
}
