// Salesforce's own OAuth error pages: the in-place page for an unknown client or callback, and
// /setup/secur/RemoteAccessErrorPage.apexp for what the org refuses. Each adds, clearly marked as the emulator's,
// a link to the playground's explanation of the error.
import { Router, type Response } from 'express';
import type { EmulatorContext } from '../context.ts';
import type { PageError } from '../authorizeErrors.ts';
import type { OAuthError } from '../errors.ts';

export const REMOTE_ACCESS_ERROR_PATH = '/setup/secur/RemoteAccessErrorPage.apexp';
/** Query values longer than this are not shown: nothing Salesforce sends comes close. */
const MAX_SHOWN = 300;

/** Where Salesforce sends the browser for an org-side refusal: its error page, the reason in the query. */
export function remoteAccessErrorUrl(hostUrl: string, error: OAuthError): string {
  const query = new URLSearchParams({ error: error.error, error_description: error.error_description });
  return `${hostUrl}${REMOTE_ACCESS_ERROR_PATH}?${query}`;
}

/**
 * The page itself. `shownText` is what Salesforce prints: the error and description as they stand in the address
 * bar (the in-place page writes spaces as %20, which is how users quote it).
 */
export function renderOAuthErrorPage(
  ctx: EmulatorContext,
  res: Response,
  error: { error: string; error_description: string },
  { sfCliApp = false, sent = {} }: PageError['about'] = {},
): void {
  // The request's client_id and redirect_uri go along (if short enough to show), for the explanation to compare.
  const shown = Object.entries(sent).filter(
    (pair): pair is [string, string] => typeof pair[1] === 'string' && pair[1].length <= MAX_SHOWN,
  );
  const explainUrl = ctx.options.appUrl
    ? `${ctx.options.appUrl}/explain?${new URLSearchParams([['error', error.error], ['error_description', error.error_description], ...shown])}`
    : undefined;
  res.render('emulator/oauth-error', {
    title: 'OAuth error',
    code: error.error,
    shownText: `error=${encodeURIComponent(error.error)}&error_description=${encodeURIComponent(error.error_description)}`,
    explainUrl,
    sfCli: sfCliApp
      ? { clientId: ctx.options.clientId, username: ctx.options.username, loginUrl: ctx.options.baseUrl }
      : undefined,
  });
}

export function errorPageEndpoint(ctx: EmulatorContext): Router {
  const router = Router();
  router.get(REMOTE_ACCESS_ERROR_PATH, (req, res) => {
    const read = (name: string) => {
      const value = req.query[name];
      return typeof value === 'string' && value.length <= MAX_SHOWN ? value : '';
    };
    res.set('Cache-Control', 'no-store');
    renderOAuthErrorPage(ctx, res, {
      error: read('error') || 'OAUTH_APPROVAL_ERROR_GENERIC',
      error_description:
        read('error_description') || 'An unexpected error has occurred during authentication.',
    });
  });
  return router;
}
