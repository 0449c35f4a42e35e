// The log during a session-store outage: the store says once that it went away and once that it is back
// (redisSessionStore.ts); the requests refused meanwhile would each add a line saying the same again. The first
// refusal of a run is logged, the others are counted and summed up in one line a minute later.
import type { Application } from 'express';

/** How long refusals after a logged one are only counted. */
export const REFUSALS_SUMMED_MS = 60_000;

interface Run {
  counted: number;
  timer: NodeJS.Timeout;
}

/** Per app: tests run several in one process, and each has its own store. */
const runs = new WeakMap<Application, Run>();

/** Logs `line` for the first refusal of a run; later ones within the minute are counted, then summed up. */
export function logStoreRefusal(app: Application, line: string, log = console.error): void {
  const run = runs.get(app);
  if (run) {
    run.counted++;
    return;
  }
  log(`${line} (more such refusals in the next minute are counted, then summed up in one line)`);
  const timer = setTimeout(() => {
    const { counted } = runs.get(app) ?? { counted: 0 };
    runs.delete(app);
    if (counted > 0) {
      log(
        `[app] ${counted} more request${counted === 1 ? ' was' : 's were'} refused in the last minute: session store unavailable.`,
      );
    }
  }, REFUSALS_SUMMED_MS);
  // Never what keeps the process running once everything else has closed.
  timer.unref();
  runs.set(app, { counted: 0, timer });
}
