// The two redirect flows' pages: an explanation page, and a start link that sends the browser to authorize.
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import * as userAgent from '../flows/userAgent.ts';
import * as webServer from '../flows/webServer.ts';
import type { BreakSwitch, FlowName } from '../salesforce/attempt.ts';
import type { Config } from '../config.ts';
import { addEntry, beginAttempt, saveTransaction, type Transaction } from './flowSession.ts';
import type { Services } from './services.ts';

interface RedirectFlow {
  flow: Exclude<FlowName, 'jwt'>;
  title: string;
  buildRequest(
    config: Config,
    nowMs: number,
    faults: BreakSwitch[],
  ): { transaction: Transaction; authorizeUrl: string };
}

const FLOWS: RedirectFlow[] = [
  { flow: 'web-server', title: 'Web server flow with PKCE', buildRequest: webServer.buildRequest },
  { flow: 'user-agent', title: 'User-agent flow', buildRequest: userAgent.buildRequest },
];

export function redirectFlowsRouter({ config, now }: Services): Router {
  const router = Router();
  for (const { flow, title, buildRequest } of FLOWS) {
    router.get(`/flows/${flow}`, (req, res) => {
      const attempt = req.session.attempt?.flow === flow ? req.session.attempt : undefined;
      res
        .set('Cache-Control', 'no-store')
        .render(`flows/${flow}`, { title, attempt, secretConfigured: Boolean(config.clientSecret) });
    });

    // A link, not a form: a redirect to another origin after a form POST would be blocked by CSP form-action.
    router.get(`/flows/${flow}/start`, (req, res) => {
      const attempt = beginAttempt(req, flow);
      const { transaction, authorizeUrl } = buildRequest(config, now(), attempt.faults);
      saveTransaction(req, attempt.id, transaction);
      addEntry(req, {
        id: randomUUID(),
        at: now(),
        kind: 'redirect',
        leg: 'authorize',
        method: 'GET',
        url: authorizeUrl,
        requestHeaders: {},
      });
      res.redirect(authorizeUrl);
    });
  }
  return router;
}
