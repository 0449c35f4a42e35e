// The one module that talks to Salesforce over HTTP: timeouts, keep-alive, and a transcript entry per call.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import tls from 'node:tls';
import path from 'node:path';
import fetch from 'node-fetch';
import type { Config } from '../config.ts';
import type { ReceivedError, TranscriptEntry } from '../attempts/attempt.ts';
import { keptResponseHeaders } from '../attempts/responseHeaders.ts';
import { htmlResponse, parseErrorBody } from './errors.ts';
import { networkError, tooLarge } from './networkErrors.ts';

export type Recorder = (entry: TranscriptEntry) => void;

export interface OutboundRequest {
  leg: string;
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  form?: Record<string, string>;
  /** A probe: any status and body is the answer (a page, a redirect), nothing is an error but no answer at all. */
  anyAnswer?: boolean;
  /** Form fields sent but never recorded: the transcript shows "(not kept)" instead of their values. */
  unrecorded?: string[];
  /** Which kind of error body to expect, for the typed error. */
  source?: ReceivedError['source'];
}

export interface SalesforceResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** How long a call may take before the attempt says so (Salesforce answers in well under a second). */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** How long an idle keep-alive connection is kept when the server announces no shorter limit. */
const IDLE_CONNECTION_MS = 30_000;
/**
 * The most of an answer that is read: a query page of 2,000 wide records is a few MB. A server that sends without
 * end (no Salesforce does) would otherwise fill the memory until the timeout, and stop the app for everyone.
 */
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/** Enough for any token response and a screenful of records; a session keeps many legs. */
const MAX_RECORDED_BODY = 8 * 1024;

export interface SalesforceHttp {
  /** Sends the request; resolves with the response when 2xx, rejects with a SalesforceError otherwise. */
  send(request: OutboundRequest, record?: Recorder): Promise<SalesforceResponse>;
}

export function createSalesforceHttp(
  config: Config,
  now: () => number = Date.now,
  timeoutMs = DEFAULT_TIMEOUT_MS,
  extraCa?: string,
): SalesforceHttp {
  // Only in emulator mode is the local certificate trusted; a real org is checked against the system's CAs
  // (plus, for tests that play a real org with a second emulator, that emulator's certificate).
  const ca =
    config.mode === 'emulator'
      ? readFileSync(path.join(config.certsDir, 'server.crt'))
      : extraCa
        ? [...tls.rootCertificates, extraCa]
        : undefined;
  // An idle connection is dropped before the server drops it: Node lowers `timeout` to one second under the
  // server's announced Keep-Alive timeout, but only when a timeout is set. Without one, a request can leave on a
  // connection the server is closing and fail with ECONNRESET ("socket hang up").
  const agent = new https.Agent({ keepAlive: true, maxSockets: 16, timeout: IDLE_CONNECTION_MS, ca });
  return {
    async send(request, record) {
      const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
      const body = request.form ? new URLSearchParams(request.form).toString() : undefined;
      if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
      const entry: TranscriptEntry = {
        id: randomUUID(),
        at: now(),
        kind: 'server-call',
        leg: request.leg,
        method: request.method,
        url: request.url,
        requestHeaders: headers,
        requestBody: request.unrecorded && request.form ? withheld(request.form, request.unrecorded) : body,
      };
      const started = performance.now();
      // A timer cleared when the call ends: AbortSignal.timeout's fires for every call, long after it ended, and
      // builds an error nobody reads. Like that one, it never keeps the process alive on its own.
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), timeoutMs).unref();
      try {
        const response = await fetch(request.url, {
          method: request.method,
          headers,
          body,
          agent,
          redirect: 'manual',
          signal: abort.signal,
          size: MAX_RESPONSE_BYTES,
        });
        const text = await response.text();
        const result = {
          status: response.status,
          headers: Object.fromEntries(response.headers.entries()),
          body: text,
        };
        Object.assign(entry, {
          status: result.status,
          ...keptResponseHeaders(result.headers),
          responseBody: text.slice(0, MAX_RECORDED_BODY),
          responseBytes: text.length > MAX_RECORDED_BODY ? text.length : undefined,
          durationMs: Math.round(performance.now() - started),
        });
        record?.(entry);
        if (request.anyAnswer) return result;
        const source = request.source ?? 'rest';
        if (response.status < 200 || response.status >= 300)
          throw parseErrorBody(response.status, text, source);
        // A 2xx web page is no answer either: it would otherwise fail later as unreadable JSON.
        const page = htmlResponse(response.status, text, source);
        if (page) throw page;
        return result;
      } catch (error) {
        if (entry.status !== undefined) throw error;
        const failure =
          tooLarge(request.url, error, MAX_RESPONSE_BYTES) ?? networkError(request.url, error, timeoutMs);
        Object.assign(entry, {
          error: failure.description,
          durationMs: Math.round(performance.now() - started),
        });
        record?.(entry);
        throw failure;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** The form as recorded: fields that must not be kept (a password) are replaced, the rest stays as sent. */
function withheld(form: Record<string, string>, names: string[]): string {
  const recorded = new URLSearchParams(form);
  for (const name of names) if (recorded.has(name)) recorded.set(name, '(not kept)');
  return recorded.toString();
}
