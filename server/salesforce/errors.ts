// Salesforce's error bodies parsed into one typed error that keeps the raw response.
import { FlowError, type ReceivedError } from '../attempts/attempt.ts';

export class SalesforceError extends Error {
  override name = 'SalesforceError';
  constructor(
    /** OAuth `error` or REST `errorCode`. */
    readonly error: string,
    /** OAuth `error_description` or REST `message`. */
    readonly description: string,
    readonly status: number,
    readonly rawBody: string,
    readonly source: ReceivedError['source'],
  ) {
    super(`${error}: ${description}`);
  }

  toReceived(): ReceivedError {
    return {
      error: this.error,
      error_description: this.description,
      status: this.status,
      source: this.source,
    };
  }
}

/**
 * Salesforce's longest words (a SOQL error quoting its query) stay far below this; an answer with more is another
 * server's, shown cut rather than as a page of hundreds of kilobytes.
 */
const MAX_ERROR_WORDS = 5_000;
/** The text, or its first `max` characters with how long it was: what a page shows of another server's words. */
export const cutText = (text: string, max: number) =>
  text.length <= max
    ? text
    : `${text.slice(0, max)}… (cut here: ${text.length.toLocaleString('en-US')} characters in all)`;
const cut = (value: unknown = '') => cutText(String(value), MAX_ERROR_WORDS);

/**
 * Reads any Salesforce error body: OAuth JSON {error, error_description}, REST arrays [{errorCode, message}],
 * form-encoded revoke errors, or plain text such as Bad_OAuth_Token.
 */
export function parseErrorBody(
  status: number,
  body: string,
  source: ReceivedError['source'],
): SalesforceError {
  try {
    const json: unknown = JSON.parse(body);
    const first = (Array.isArray(json) ? json[0] : json) as Record<string, unknown> | undefined;
    if (first && typeof first.error === 'string') {
      return new SalesforceError(cut(first.error), cut(first.error_description), status, body, source);
    }
    if (first && typeof first.errorCode === 'string') {
      return new SalesforceError(cut(first.errorCode), cut(first.message), status, body, source);
    }
    // JSON of another shape ({"error":{…}}, {"fault":…}, {"message":…}) is no Salesforce endpoint's error: named,
    // rather than its text shown as if it were Salesforce's error code. A 5xx stays the server's own failure.
    if (typeof json === 'object' && json !== null && status < 500) {
      return new SalesforceError(
        'foreign_error_answer',
        `HTTP ${status} with JSON in a shape no Salesforce error takes`,
        status,
        body,
        source,
      );
    }
  } catch {
    // not JSON: try the other shapes
  }
  // Salesforce's answer to an address, or address and headers, past 16,384 bytes: its body is not documented, so
  // the status alone names it, whatever page or text came with it.
  if (status === 414 || status === 431)
    return new SalesforceError(
      'request_too_long',
      status === 414 ? 'URI Too Long' : 'Request Header Fields Too Large',
      status,
      body,
      source,
    );
  const form = new URLSearchParams(body);
  if (form.get('error'))
    return new SalesforceError(
      cut(form.get('error') ?? ''),
      cut(form.get('error_description') ?? ''),
      status,
      body,
      source,
    );
  const page = htmlResponse(status, body, source);
  if (page) return page;
  const text = body.trim().slice(0, 200);
  if (status >= 500) return new SalesforceError('server_error', `HTTP ${status}`, status, body, source);
  // Salesforce's endpoints answer their calls; a redirect (followed by no call of this app) is another server's.
  if (status >= 300 && status < 400)
    return new SalesforceError('http_redirect', `HTTP ${status} instead of an answer`, status, body, source);
  return new SalesforceError(text || `HTTP_${status}`, `HTTP ${status}`, status, body, source);
}

/**
 * A web page where JSON was expected, whatever its status: a proxy or captive portal, a maintenance page, or
 * a wrong URL that lands on a Lightning or Setup page (those answer 200).
 */
export function htmlResponse(
  status: number,
  body: string,
  source: ReceivedError['source'],
): SalesforceError | undefined {
  if (!/^<|<html/i.test(body.trim().slice(0, 200))) return undefined;
  return new SalesforceError(
    'html_response',
    `HTTP ${status} with a web page instead of JSON`,
    status,
    body,
    source,
  );
}

/** Any failure of an attempt as the teaching layer shows it: Salesforce's answer, this app's refusal, or a bug. */
export function describeFailure(error: unknown): ReceivedError {
  if (error instanceof SalesforceError) return error.toReceived();
  if (error instanceof FlowError)
    return { error: error.error, error_description: error.description, source: 'app' };
  return {
    error: 'app_error',
    error_description: error instanceof Error ? error.message : String(error),
    source: 'app',
  };
}
