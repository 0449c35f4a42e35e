// Teaching endpoints: arm faults for the next attempt ("break it"), show one transcript leg, and reveal the
// visitor's own secrets (renewing a spent single-use value is in renewal.ts).
import type { Request, RequestHandler } from 'express';
import {
  isFlowName,
  type Attempt,
  type Fault,
  type FlowName,
  type TranscriptEntry,
} from '../attempts/attempt.ts';
import { HttpError } from '../errors.ts';
import { offeredFaults } from '../teaching/faults.ts';
import { openedLeg } from '../teaching/panel.ts';
import { snippetContext } from '../teaching/snippets/context.ts';
import { secretsOf } from '../teaching/secrets.ts';
import { entryView } from '../teaching/transcript.ts';
import { armedFaults, armFaults } from './attemptFaults.ts';
import { shownAttempts } from './attemptTranscript.ts';
import type { Services } from './services.ts';

/** A flow's page shows the faults armed for it, so the learner knows its next attempt will fail on purpose. */
export const exposeArmedFaults: RequestHandler = (req, res, next) => {
  res.locals.armedFaults = (flow: FlowName): Fault[] => armedFaults(req, flow);
  next();
};

/** The transcript entry a request names, from this visitor's own session only. */
export function ownEntry(
  req: Request,
  id: unknown = req.body?.entryId,
  missing = 'Nothing to reveal',
): { attempt: Attempt; entry: TranscriptEntry } {
  if (typeof id !== 'string') throw new HttpError(400, 'Bad request', 'entryId must be a string.');
  const attempt = shownAttempts(req).find((shown) => shown.transcript.some((leg) => leg.id === id));
  const entry = attempt?.transcript.find((candidate) => candidate.id === id);
  if (!attempt || !entry) throw new HttpError(404, missing, 'That transcript entry is not in your session.');
  return { attempt, entry };
}

export function teachingHandlers(services: Services): Record<'armFaults' | 'leg' | 'reveal', RequestHandler> {
  const { config } = services;
  return {
    armFaults(req, res) {
      const flow: unknown = req.body?.flow;
      if (!isFlowName(flow)) throw new HttpError(400, 'Unknown flow', 'Choose the faults on a flow page.');
      const offered = offeredFaults(flow, config);
      const wanted = ([] as unknown[]).concat(req.body?.faults ?? []);
      const faults = offered.map((item) => item.id).filter((id) => wanted.includes(id));
      armFaults(req, flow, faults);
      // Back to the flow page's Run control, where the armed faults are now listed: a keyboard or screen-reader
      // user lands on what comes next instead of the top of the page.
      res.redirect(303, `/flows/${flow}#run`);
    },

    /**
     * What one leg holds, masked, with its copies: the page lists legs by their closed line only, and its script asks
     * for a leg's body here when the leg is opened (?part=body). Without the script, the link shows it as a page.
     */
    leg(req, res) {
      const { attempt, entry } = ownEntry(req, req.params.entryId, 'Nothing to show');
      const view = openedLeg(attempt, entry, config);
      res.set('Cache-Control', 'no-store');
      if (req.query.part === 'body') return res.render('partials/teaching/leg-body', { entry: view });
      const signedInWith = req.session.login?.attempt?.id === attempt.id;
      res.render('teaching-leg', {
        title: `The ${view.name}`,
        entry: view,
        back: signedInWith
          ? { href: '/result', label: 'Back to the result page' }
          : { href: `/flows/${attempt.flow}`, label: 'Back to the flow page' },
      });
    },

    /** Raw values of one transcript entry, and its snippets with them. */
    reveal(req, res) {
      const { attempt, entry } = ownEntry(req);
      res.set('Cache-Control', 'no-store').json(
        entryView(entry, secretsOf(attempt, [config.clientSecret]), {
          reveal: true,
          snippets: snippetContext(config, true),
          attempt,
        }),
      );
    },
  };
}
