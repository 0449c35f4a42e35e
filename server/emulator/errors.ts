// The emulator's one OAuth error type, with factories named after Salesforce's wire codes, and its serializer.
import type { ErrorRequestHandler, Response } from 'express';

export class OAuthError extends Error {
  override name = 'OAuthError';
  constructor(
    readonly error: string,
    readonly error_description: string,
    readonly status = 400,
    override readonly cause?: unknown,
  ) {
    super(`${error}: ${error_description}`);
  }

  static invalidClientId = () => new OAuthError('invalid_client_id', 'client identifier invalid');
  static invalidClient = () => new OAuthError('invalid_client', 'invalid client credentials');
  static invalidGrant = (description: string) => new OAuthError('invalid_grant', description);
  static invalidAppAccess = () =>
    new OAuthError('invalid_app_access', 'user is not admin approved to access this app');
  static unsupportedGrantType = () => new OAuthError('unsupported_grant_type', 'grant type not supported');
  static invalidRequest = (description: string) => new OAuthError('invalid_request', description);
  /** A parameter sent twice (params.ts repeatedParam): the emulator's wording, Salesforce's being unknown. */
  static repeatedParameter = (name: string) => OAuthError.invalidRequest(`repeated parameter: ${name}`);
  static redirectUriMismatch = () =>
    new OAuthError('redirect_uri_mismatch', 'redirect_uri must match configuration');
  static invalidScope = () => new OAuthError('invalid_scope', 'the requested scope is not allowed');
  /** The code is documented; the description is unconfirmed (wire reference 7.2). */
  static unsupportedResponseType = () =>
    new OAuthError('unsupported_response_type', 'response type not supported');
  static accessDenied = () => new OAuthError('access_denied', 'end-user denied authorization');
  /** Salesforce's error table says "Immediate unsuccessful"; lower case on the wire, as its others: unconfirmed. */
  static immediateUnsuccessful = () => new OAuthError('immediate_unsuccessful', 'immediate unsuccessful');
  static serverError = (cause?: unknown) =>
    new OAuthError('server_error', 'internal server error', 500, cause);
}

/** Token-style errors: JSON body, never cached. */
export function sendOAuthError(res: Response, error: OAuthError): void {
  res
    .status(error.status)
    .set('Cache-Control', 'no-store')
    .json({ error: error.error, error_description: error.error_description });
}

/** Revoke's errors, form-encoded with spaces as %20 as Salesforce sends them (jsforce reads them so). */
export function sendFormError(res: Response, status: number, error: string, description: string): void {
  res
    .status(status)
    .type('application/x-www-form-urlencoded')
    .send(`error=${encodeURIComponent(error)}&error_description=${encodeURIComponent(description)}`);
}

/** Anything not already an OAuthError (a bad body, a bug) becomes a generic error: no stack trace leaves. */
export function toOAuthError(error: unknown): OAuthError {
  if (error instanceof OAuthError) return error;
  const status = (error as { status?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return OAuthError.invalidRequest('malformed request');
  }
  return OAuthError.serverError(error);
}

/** Endpoints only programs call, matched as Express routes them (any case, a trailing slash allowed). */
const PROGRAM_ENDPOINTS = new Set(['/services/oauth2/token', '/services/oauth2/introspect']);
const isProgramEndpoint = (path: string) => PROGRAM_ENDPOINTS.has(path.toLowerCase().replace(/\/$/, ''));

/**
 * The last handler: JSON for API paths unless a page is asked for, a page for page paths (Setup, the device code
 * page) unless JSON is asked for.
 */
export const oauthErrorHandler: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) return next(error);
  const oauthError = toOAuthError(error);
  if (oauthError.status >= 500) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.error(`[emulator] ${req.method} ${req.path} failed: ${detail}`);
  }
  res.status(oauthError.status).set('Cache-Control', 'no-store');
  // Revoke answers its errors form-encoded, a body it could not read included.
  if (req.path === '/services/oauth2/revoke' && oauthError.status < 500) {
    return sendFormError(res, oauthError.status, oauthError.error, oauthError.error_description);
  }
  const asJson = () => sendOAuthError(res, oauthError);
  // The endpoints only programs call answer their refusals in JSON whatever Accept says; a body they could not
  // even read must not be the one refusal that comes back as a page.
  if (isProgramEndpoint(req.path)) return asJson();
  const asPage = () =>
    res.render('emulator/error', {
      title: oauthError.status >= 500 ? 'Something went wrong' : 'Bad request',
      heading: oauthError.status >= 500 ? 'The emulator could not answer this request' : 'Bad request',
      text: oauthError.error_description,
      code: oauthError.error,
    });
  // An API path answers JSON unless a page is asked for; a page path (the device code page, Setup) answers a page
  // unless JSON is asked for, so a client that accepts anything (*/*) sees what a browser would.
  res.format(
    /^\/(services|id)\//.test(req.path)
      ? { 'application/json': asJson, 'text/html': asPage, default: asJson }
      : { 'text/html': asPage, 'application/json': asJson, default: asPage },
  );
};
