// The two redirect flows' pages: an explanation page, and a start link that sends the browser to authorize.
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Fault, FlowName } from '../attempts/attempt.ts';
import type { Config } from '../config.ts';
import type { Transaction } from '../flows/transactions.ts';
import * as userAgent from '../flows/userAgent.ts';
import * as webServer from '../flows/webServer.ts';
import { attemptLog, beginAttempt, saveTransaction } from './attemptSession.ts';
import { renderFlowPage } from './flowPages.ts';
import type { Services } from './services.ts';

export type RedirectFlowName = Extract<FlowName, 'web-server' | 'user-agent'>;

interface RedirectFlow {
  title: string;
  buildRequest(
    config: Config,
    nowMs: number,
    faults: Fault[],
  ): { transaction: Transaction; authorizeUrl: string };
}

const FLOWS: Record<RedirectFlowName, RedirectFlow> = {
  'web-server': { title: 'Web server flow with PKCE', buildRequest: webServer.buildRequest },
  'user-agent': { title: 'User-agent flow', buildRequest: userAgent.buildRequest },
};

export function redirectFlowPages({ config, now, orgControl }: Services): {
  page(flow: RedirectFlowName): RequestHandler;
  start(flow: RedirectFlowName): RequestHandler;
} {
  return {
    page: (flow) => (req, res) => {
      renderFlowPage(req, res, flow, {
        title: FLOWS[flow].title,
        secretConfigured: Boolean(config.clientSecret),
      });
    },
    // A link, not a form: a redirect to another origin after a form POST would be blocked by CSP form-action.
    start: (flow) => (req, res) => {
      const attempt = beginAttempt(req, flow, now(), orgControl);
      const { transaction, authorizeUrl } = FLOWS[flow].buildRequest(config, now(), attempt.faults);
      saveTransaction(req, attempt.id, transaction);
      attemptLog(attempt).entry({
        id: randomUUID(),
        at: now(),
        kind: 'redirect',
        leg: 'authorize',
        method: 'GET',
        url: authorizeUrl,
        requestHeaders: {},
      });
      res.redirect(authorizeUrl);
    },
  };
}
