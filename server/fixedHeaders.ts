// Headers that are the same on every response, worked out once: the header middleware (helmet, configured without
// per-request values such as nonces) runs once at start against a recorder, and each response then gets the
// recorded headers, set and removed in the same order, without rebuilding the policy strings every time.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';

type Step = { set: string; value: number | string | readonly string[] } | { remove: string };

export function fixedHeaders(middleware: RequestHandler): RequestHandler {
  const steps: Step[] = [];
  let failure: unknown;
  const recorder = {
    setHeader: (name: string, value: number | string | readonly string[]) => steps.push({ set: name, value }),
    removeHeader: (name: string) => steps.push({ remove: name }),
  };
  let finished = false;
  const done = (error?: unknown) => {
    finished = true;
    failure = error;
  };
  middleware({} as IncomingMessage as never, recorder as unknown as ServerResponse as never, done);
  if (!finished || failure) {
    throw new Error(
      `fixedHeaders: the middleware did not finish at once (${String(failure ?? 'no next() call')})`,
    );
  }
  return (_req, res, next) => {
    for (const step of steps) {
      if ('set' in step) res.setHeader(step.set, step.value);
      else res.removeHeader(step.remove);
    }
    next();
  };
}
