// Headers that are the same on every response, worked out once: the header middleware (helmet, configured without
// per-request values such as nonces) runs once against a recorder, and each response then gets the recorded
// headers, set and removed in the same order, without rebuilding the policy strings every time. Headers that depend
// on a setting (the emulator's form-action origins) are recorded once per value of that setting.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';

type Step = { set: string; value: number | string | readonly string[] } | { remove: string };

/** How many values of a setting keep their recorded headers (an admin editing callback URLs makes a few). */
const KEPT_VARIANTS = 8;

export function fixedHeaders(middleware: RequestHandler): RequestHandler {
  const steps = recordSteps(middleware);
  return (_req, res, next) => {
    applySteps(steps, res);
    next();
  };
}

/** As fixedHeaders, for headers that depend on one setting: `keyOf` names its current value. */
export function headersPerSetting(
  keyOf: () => string,
  middlewareFor: (key: string) => RequestHandler,
): RequestHandler {
  const recorded = new Map<string, Step[]>();
  return (_req, res, next) => {
    const key = keyOf();
    let steps = recorded.get(key);
    if (!steps) {
      steps = recordSteps(middlewareFor(key));
      if (recorded.size >= KEPT_VARIANTS) recorded.delete(recorded.keys().next().value as string);
      recorded.set(key, steps);
    }
    applySteps(steps, res);
    next();
  };
}

function applySteps(steps: readonly Step[], res: ServerResponse): void {
  for (const step of steps) {
    if ('set' in step) res.setHeader(step.set, step.value);
    else res.removeHeader(step.remove);
  }
}

function recordSteps(middleware: RequestHandler): Step[] {
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
  return steps;
}
