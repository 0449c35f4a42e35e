// Web server flow pages: the explanation and the start link that redirects to Salesforce's authorize endpoint.
import { Router } from 'express';
import * as webServer from '../flows/webServer.ts';
import { addEntry, beginAttempt, saveTransaction } from './flowSession.ts';
import type { Services } from './services.ts';
import { randomUUID } from 'node:crypto';

export function webServerRouter({ config, now }: Services): Router {
  const router = Router();
  router.get('/flows/web-server', (req, res) => {
    const attempt = req.session.attempt?.flow === 'web-server' ? req.session.attempt : undefined;
    res.set('Cache-Control', 'no-store').render('flows/web-server', {
      title: 'Web server flow with PKCE',
      attempt,
      secretConfigured: Boolean(config.clientSecret),
    });
  });

  // A link, not a form: the redirect to another origin after a form POST would be blocked by CSP form-action.
  router.get('/flows/web-server/start', (req, res) => {
    const attempt = beginAttempt(req, 'web-server');
    const { transaction, authorizeUrl } = webServer.buildRequest(config, now(), attempt.faults);
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
  return router;
}
