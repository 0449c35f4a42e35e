// User-agent flow pages: why the token comes back in the fragment, and the start link.
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import * as userAgent from '../flows/userAgent.ts';
import { addEntry, beginAttempt, saveTransaction } from './flowSession.ts';
import type { Services } from './services.ts';

export function userAgentRouter({ config, now }: Services): Router {
  const router = Router();
  router.get('/flows/user-agent', (req, res) => {
    const attempt = req.session.attempt?.flow === 'user-agent' ? req.session.attempt : undefined;
    res.set('Cache-Control', 'no-store').render('flows/user-agent', { title: 'User-agent flow', attempt });
  });

  router.get('/flows/user-agent/start', (req, res) => {
    const attempt = beginAttempt(req, 'user-agent');
    const { transaction, authorizeUrl } = userAgent.buildRequest(config, now(), attempt.faults);
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
