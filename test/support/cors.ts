// Cross-origin requests as a browser sends them (an Origin header; a preflight OPTIONS first for a bearer call),
// and the CORS headers of the answers.
import assert from './assert.ts';
import { TestClient } from './http.ts';

/** A page's origin that no test lists unless it means to. */
export const SPA_ORIGIN = 'https://spa.example.com';

export interface CorsAnswer {
  status: number;
  allowOrigin: string | null;
  headers: Headers;
  body: string;
}

const client = new TestClient();

async function answer(response: Awaited<ReturnType<TestClient['request']>>): Promise<CorsAnswer> {
  const headers = new Headers(Object.fromEntries(response.headers.entries()));
  const body = await response.text();
  return { status: response.status, allowOrigin: headers.get('access-control-allow-origin'), headers, body };
}

/** The preflight a browser sends before a call with an Authorization header (or another non-simple part). */
export async function preflight(
  url: string,
  origin: string,
  method = 'GET',
  requestHeaders = 'authorization',
): Promise<CorsAnswer> {
  return answer(
    await client.request(url, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': method,
        'access-control-request-headers': requestHeaders,
      },
    }),
  );
}

/** The call itself, with Origin when given (undefined: a server or curl, which sends none). */
export async function crossOrigin(
  url: string,
  origin: string | undefined,
  init: { method?: string; headers?: Record<string, string>; form?: Record<string, string> } = {},
): Promise<CorsAnswer> {
  const headers: Record<string, string> = { ...init.headers };
  if (origin !== undefined) headers.origin = origin;
  if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
  const body = init.form ? new URLSearchParams(init.form).toString() : undefined;
  return answer(await client.request(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body }));
}

/** Every answer whose CORS headers depend on Origin says so to caches, and none allows credentials. */
export function assertVariesByOrigin(reply: CorsAnswer): void {
  const vary = (reply.headers.get('vary') ?? '').split(',').map((name) => name.trim().toLowerCase());
  assert.ok(vary.includes('origin'), `Vary: ${reply.headers.get('vary')}`);
  assert.equal(reply.headers.get('access-control-allow-credentials'), null);
}
