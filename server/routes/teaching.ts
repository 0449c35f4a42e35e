// Teaching endpoints: arm break-it switches, and reveal the visitor's own secrets in their transcript.
import { Router } from 'express';
import { HttpError } from '../errors.ts';
import type { BreakSwitch, FlowName } from '../salesforce/attempt.ts';
import { BREAK_SWITCHES } from '../teaching/panel.ts';
import { entryView, secretsOf } from '../teaching/transcript.ts';
import { requireCsrf } from './csrf.ts';
import type { Services } from './services.ts';

const FLOW_PAGES: Record<FlowName, string> = {
  jwt: '/flows/jwt',
  'web-server': '/flows/web-server',
  'user-agent': '/flows/user-agent',
};

export function teachingRouter({ config }: Services): Router {
  const router = Router();
  router.use((req, res, next) => {
    res.locals.armedFaults = req.session?.faults ?? [];
    next();
  });

  router.post('/teaching/break-it', requireCsrf, (req, res) => {
    const flow = String(req.body?.flow ?? '') as FlowName;
    if (!(flow in BREAK_SWITCHES))
      throw new HttpError(400, 'Unknown flow', 'Choose the switches on a flow page.');
    const wanted = ([] as string[]).concat(req.body?.switches ?? []);
    const allowed = BREAK_SWITCHES[flow].map((item) => item.id);
    const faults = allowed.filter((id) => wanted.includes(id)) as BreakSwitch[];
    if (faults.length > 0) req.session.faults = faults;
    else delete req.session.faults;
    res.redirect(303, `${FLOW_PAGES[flow]}#teaching-heading`);
  });

  /** Raw values of one transcript entry, from this visitor's own session only. */
  router.post('/teaching/reveal', requireCsrf, (req, res) => {
    const attempt = req.session.attempt;
    const id = String(req.body?.entryId ?? '');
    const entry = attempt?.transcript.find((candidate) => candidate.id === id);
    if (!attempt || !entry)
      throw new HttpError(404, 'Nothing to reveal', 'That transcript entry is not in your session.');
    res
      .set('Cache-Control', 'no-store')
      .json(entryView(entry, secretsOf(attempt, [config.clientSecret]), true));
  });
  return router;
}
