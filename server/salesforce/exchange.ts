// One HTTPS request and its whole answer, on node:https with the caller's keep-alive agent: no redirect is
// followed, gzip and deflate bodies are decoded, and one timer bounds the whole exchange (connecting included).
import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';

export interface ExchangeRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  agent: https.Agent;
  timeoutMs: number;
}

export interface Exchanged {
  status: number;
  /** Lower-case names; a repeated header's values joined with ", " (as the Fetch API's Headers show them). */
  headers: Record<string, string>;
  body: string;
}

/** A timeout, named as AbortSignal.timeout names it, so every caller recognises it the same way. */
class TimeoutError extends Error {
  override name = 'TimeoutError';
}

export function exchange(request: ExchangeRequest): Promise<Exchanged> {
  return new Promise((resolve, reject) => {
    const url = new URL(request.url);
    // Tokens travel in these requests: never over plain HTTP, whatever a response or a setting says.
    if (url.protocol !== 'https:') {
      reject(new Error(`only https:// addresses are called, not ${url.protocol}//`));
      return;
    }
    const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate', ...request.headers };
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
    const outgoing = https.request(url, { method: request.method, headers, agent: request.agent });
    // The first failure settles the exchange; later ones (a reset after the timeout) change nothing.
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    const timer = setTimeout(() => {
      const timeout = new TimeoutError(`no answer within ${request.timeoutMs} ms`);
      fail(timeout);
      outgoing.destroy(timeout);
    }, request.timeoutMs);
    outgoing.on('error', fail);
    outgoing.on('response', (incoming) => {
      const chunks: Buffer[] = [];
      const body = decoded(incoming, incoming.headers['content-encoding']);
      body.on('data', (chunk: Buffer) => chunks.push(chunk));
      body.on('error', fail);
      incoming.on('error', fail);
      // An answer cut short (a reset, the timeout) fails the exchange; only a complete one resolves it.
      incoming.on('close', () => {
        if (!incoming.complete) fail(new Error('the connection closed before the answer was complete'));
      });
      body.on('end', () => {
        clearTimeout(timer);
        resolve({
          status: incoming.statusCode ?? 0,
          headers: joined(incoming.headers),
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    outgoing.end(request.body);
  });
}

function decoded(incoming: Readable, encoding: string | undefined): Readable {
  if (encoding === 'gzip' || encoding === 'x-gzip') return incoming.pipe(createGunzip());
  if (encoding === 'deflate') return incoming.pipe(createInflate());
  return incoming;
}

function joined(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
