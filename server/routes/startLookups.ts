// Requests for a start link that no browser sends to go there: answered here, and no login starts for them.
import type { Request, Response } from 'express';

/**
 * A HEAD (a link checker, a tool of the learner's checking the link with this session's cookie) or a prefetch (a
 * browser or an extension guessing the next click): starting would spend the switches armed for the next attempt,
 * ask Salesforce, and leave the flow page waiting for a browser that never went. Says whether it answered.
 */
export function answeredWithoutStarting(req: Request, res: Response): boolean {
  // A prefetch is refused, not answered 2xx: a kept answer would be shown for the click itself, which then fetches
  // the link for real.
  const status = req.method === 'HEAD' ? 204 : isPrefetch(req) ? 503 : undefined;
  if (status === undefined) return false;
  res.set('Cache-Control', 'no-store').status(status).end();
  return true;
}

/** Sec-Purpose: prefetch (the standard), Purpose: prefetch (Chrome's older links), X-moz: prefetch (Firefox's). */
function isPrefetch(req: Request): boolean {
  return [req.get('sec-purpose'), req.get('purpose'), req.get('x-moz')].some((value) =>
    /^\s*prefetch\b/i.test(value ?? ''),
  );
}
