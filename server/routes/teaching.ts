// Teaching endpoints: arm faults for the next attempt ("break it"), and reveal the visitor's own secrets.
import type { RequestHandler } from 'express';
import type { FlowName } from '../attempts/attempt.ts';
import { HttpError } from '../errors.ts';
import { FAULTS, offeredFaults } from '../teaching/faults.ts';
import { entryView, secretsOf } from '../teaching/transcript.ts';
import { shownAttempts } from './attemptSession.ts';
import type { Services } from './services.ts';

/** Every page shows which faults are armed, so the learner knows the next attempt will fail on purpose. */
export const exposeArmedFaults: RequestHandler = (req, res, next) => {
  res.locals.armedFaults = req.session?.faults ?? [];
  next();
};

export function teachingHandlers({ config }: Services): {
  armFaults: RequestHandler;
  reveal: RequestHandler;
} {
  return {
    armFaults(req, res) {
      const flow = String(req.body?.flow ?? '');
      if (!Object.hasOwn(FAULTS, flow))
        throw new HttpError(400, 'Unknown flow', 'Choose the faults on a flow page.');
      const offered = offeredFaults(flow as FlowName, config.mode);
      const wanted = ([] as unknown[]).concat(req.body?.faults ?? []);
      const faults = offered.map((item) => item.id).filter((id) => wanted.includes(id));
      if (faults.length > 0) req.session.faults = faults;
      else delete req.session.faults;
      // Back to the top of the flow page, where the armed faults are announced beside the Run control.
      res.redirect(303, `/flows/${flow}`);
    },

    /** Raw values of one transcript entry, from this visitor's own session only. */
    reveal(req, res) {
      const id: unknown = req.body?.entryId;
      if (typeof id !== 'string') throw new HttpError(400, 'Bad request', 'entryId must be a string.');
      const attempt = shownAttempts(req).find((shown) => shown.transcript.some((leg) => leg.id === id));
      const entry = attempt?.transcript.find((candidate) => candidate.id === id);
      if (!attempt || !entry)
        throw new HttpError(404, 'Nothing to reveal', 'That transcript entry is not in your session.');
      res
        .set('Cache-Control', 'no-store')
        .json(entryView(entry, secretsOf(attempt, [config.clientSecret]), true));
    },
  };
}
