// The two redirect flows' pages: an explanation page, and a start link that sends the browser to authorize.
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Fault, FlowName } from '../attempts/attempt.ts';
import type { Config } from '../config.ts';
import type { Transaction } from '../flows/transactions.ts';
import * as userAgent from '../flows/userAgent.ts';
import * as webServer from '../flows/webServer.ts';
import { attemptLog, beginAttempt, latestAttempt, saveTransaction } from './attemptSession.ts';
import { flowContext, renderFlowPage } from './flowPages.ts';
import { preflightAuthorize } from '../flows/preflight.ts';
import { describeFailure } from '../salesforce/errors.ts';
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

export function redirectFlowPages(services: Services): {
  page(flow: RedirectFlowName): RequestHandler;
  start(flow: RedirectFlowName): RequestHandler;
} {
  const { config, now, orgControl } = services;
  return {
    page: (flow) => (req, res) => {
      renderFlowPage(req, res, flow, {
        title: FLOWS[flow].title,
        secretConfigured: Boolean(config.clientSecret),
      });
    },
    // A link, not a form: a redirect to another origin after a form POST would be blocked by CSP form-action.
    start: (flow) => async (req, res) => {
      // "Send me anyway" after a refused pre-flight: the same faults again, and straight to Salesforce's page.
      const anyway = req.query.anyway === '1';
      if (anyway) req.session.faults = latestAttempt(req, flow)?.faults ?? req.session.faults;
      const attempt = beginAttempt(req, flow, now(), orgControl);
      const { transaction, authorizeUrl } = FLOWS[flow].buildRequest(config, now(), attempt.faults);
      if (!anyway) {
        const refused = await preflightAuthorize(flowContext(services, attempt), authorizeUrl).catch(
          (error: unknown) => ({ failure: error }),
        );
        if (refused) {
          const failed =
            'failure' in refused
              ? describeFailure(refused.failure)
              : { ...refused, source: 'redirect' as const };
          Object.assign(attempt, { error: failed, ok: false, preflightRefused: !('failure' in refused) });
          return res.redirect(303, `/flows/${flow}#teaching-heading`);
        }
      }
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
