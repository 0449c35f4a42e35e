// Session ids a sign-in or refresh replaced: the requests that still carried one, and the answer bringing the new id.
// Until that answer has left, another tab's request with the old id says nothing yet about whether the browser got it.
import type { Request, Response } from 'express';

/** Marks a request this app has sent back once, for the browser to send again with the id it holds by then. */
export const RETRIED = 'retried';

/**
 * At most this long a request waits for the answer that replaced its id: that answer waits only on calls to the org
 * (each with its own timeout) and a session write, so this is only a bound should one of them hang.
 */
const MAX_WAIT_MS = 20_000;

/** Requests that came with a session id a sign-in in another tab had just replaced, with that id. */
const carried = new WeakMap<Request, string>();

/** Replaced ids whose replacing answer is still being made, each with the moment that answer is done. */
const underWay = new Map<string, Promise<void>>();

/** Said by the session middleware of a request whose cookie named a replaced id. */
export function markCarriedReplacedId(req: Request, id: string): void {
  carried.set(req, id);
}

/**
 * Whether this request left the browser with the id of a session that a sign-in (or refresh) in another tab has
 * replaced since: the browser is about to hold, or already holds, the new id. Such a request starts on an empty
 * session; one that carries something single-use (a login's callback) is better sent again with the new id.
 */
export function carriedReplacedId(req: Request): boolean {
  return carried.has(req);
}

/** Said by a sign-in or refresh once it has replaced `oldId`: its answer (`res`) gives the browser the new id. */
export function newIdGoesWith(oldId: string, res: Response | undefined): void {
  // An answer already out, or one whose connection closed (the browser left): no request will see a new id come.
  if (!res || res.writableFinished || res.destroyed) return;
  const done = new Promise<void>((resolve) => res.once('close', resolve));
  underWay.set(oldId, done);
  void done.then(() => {
    if (underWay.get(oldId) === done) underWay.delete(oldId);
  });
}

/**
 * Resolves once the answer that replaced the id this request carried has gone out (at once if it has): a redirect
 * sent after it comes back with the new id, unless that answer never reached the browser.
 */
export function replacingAnswerSent(req: Request): Promise<void> {
  const done = underWay.get(carried.get(req) ?? '');
  if (!done) return Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, MAX_WAIT_MS);
  });
  return Promise.race([done, bound]).finally(() => clearTimeout(timer));
}
