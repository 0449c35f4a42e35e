// The one callback, /oauthcallback.html: a code or error in the query is the web server flow, handled here;
// otherwise the page's script reads the #fragment (user-agent flow) and posts it to /oauthcallback/fragment.
import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import { constantTimeEqual, nonceCheck, pkceCheck, signatureCheck, stateCheck } from '../flows/checks.ts';
import * as userAgent from '../flows/userAgent.ts';
import * as webServer from '../flows/webServer.ts';
import { idTokenSignatureCheck } from '../flows/idToken.ts';
import type { Check, FlowName, ReceivedError } from '../salesforce/attempt.ts';
import { SalesforceError } from '../salesforce/errors.ts';
import type { Recorder } from '../salesforce/http.ts';
import type { TokenSet } from '../salesforce/tokens.ts';
import { requireCsrf } from './csrf.ts';
import {
  addCheck,
  addEntry,
  beginAttempt,
  recorder,
  startLoggedInSession,
  takeTransaction,
} from './flowSession.ts';
import { describeFailure } from './jwt.ts';
import type { Services } from './services.ts';

const STATE_MISMATCH: ReceivedError = {
  error: 'state_mismatch',
  error_description: 'the state in the callback does not match a login this browser session started',
  source: 'app',
};

export function callbackRouter({ config, api, now }: Services): Router {
  const router = Router();

  router.get('/oauthcallback.html', async (req, res) => {
    // Repeated parameters (?code=a&code=b) arrive as arrays: only single values are taken.
    const query = Object.fromEntries(
      Object.entries(req.query).map(([name, value]) => [name, typeof value === 'string' ? value : undefined]),
    ) as Record<string, string | undefined>;
    if (!('code' in req.query) && !('error' in req.query)) {
      return res
        .set('Cache-Control', 'no-store')
        .render('callback', { title: 'Finishing sign-in', scripts: ['/js/callback.js'], csrfMeta: true });
    }
    const attempt = currentAttempt(req, 'web-server');
    addEntry(req, {
      id: randomUUID(),
      at: now(),
      kind: 'callback',
      leg: 'callback',
      method: 'GET',
      url: new URL(req.originalUrl, config.callbackUrl).href,
      requestHeaders: {},
    });
    const transaction = takeTransaction<webServer.WebServerTransaction>(
      req,
      'web-server',
      query.state,
      constantTimeEqual,
      now(),
    );
    addCheck(req, stateCheck(transaction?.state, query.state));
    if (query.error !== undefined) {
      attempt.error = { error: query.error, error_description: query.error_description, source: 'redirect' };
    } else if (!transaction) {
      attempt.error = STATE_MISMATCH;
    } else {
      addCheck(req, pkceCheck(transaction.codeVerifier, transaction.codeChallenge));
      try {
        const form = webServer.buildTokenRequest(config, query.code ?? '', transaction);
        const tokens = await api.token(form, recorder(req));
        if (transaction.faults.includes('replay-code'))
          await api.token(form, recorder(req), 'token (replayed code)');
        const checks = await responseChecks(tokens, transaction.nonce, recorder(req));
        checks.forEach((check) => addCheck(req, check));
        attempt.idToken = tokens.id_token;
        const failed = checks.find((check) => !check.passed);
        if (failed) throw new SalesforceError(failedCode(failed), failed.detail, 0, '', 'app');
        attempt.ok = true;
        await startLoggedInSession(req, { flow: 'web-server', tokens, receivedAt: now() });
        return res.redirect(303, '/result');
      } catch (error) {
        attempt.error = describeFailure(error);
      }
    }
    attempt.ok = false;
    res.redirect(303, '/flows/web-server');
  });

  router.post('/oauthcallback/fragment', requireCsrf, async (req, res) => {
    const params = Object.fromEntries(
      Object.entries(req.body ?? {}).filter(([name, value]) => name !== '_csrf' && typeof value === 'string'),
    ) as Record<string, string>;
    const attempt = currentAttempt(req, 'user-agent');
    const fragment = new URLSearchParams(params).toString();
    addEntry(req, {
      id: randomUUID(),
      at: now(),
      kind: 'callback',
      leg: 'callback',
      method: 'GET',
      url: `${config.callbackUrl}#${fragment}`,
      requestHeaders: {},
    });
    const transaction = takeTransaction<userAgent.UserAgentTransaction>(
      req,
      'user-agent',
      params.state,
      constantTimeEqual,
      now(),
    );
    addCheck(req, stateCheck(transaction?.state, params.state));
    res.set('Cache-Control', 'no-store');
    try {
      if (params.error) userAgent.parseResponse(params);
      if (!transaction) {
        attempt.error = STATE_MISMATCH;
        attempt.ok = false;
        return res.json({ redirect: '/flows/user-agent' });
      }
      const tokens = userAgent.parseResponse(params);
      const checks = await responseChecks(tokens, transaction.nonce, recorder(req));
      checks.forEach((check) => addCheck(req, check));
      attempt.idToken = tokens.id_token;
      const failed = checks.find((check) => !check.passed);
      if (failed) {
        attempt.error = { error: failedCode(failed), error_description: failed.detail, source: 'app' };
        attempt.ok = false;
        return res.json({ redirect: '/flows/user-agent' });
      }
      attempt.ok = true;
      await startLoggedInSession(req, { flow: 'user-agent', tokens, receivedAt: now() });
      return res.json({ redirect: '/result' });
    } catch (error) {
      attempt.error = describeFailure(error);
      attempt.ok = false;
      return res.json({ redirect: '/flows/user-agent' });
    }
  });
  /** The response's own checks: its signature (when a secret is configured), and the id_token's signature and nonce. */
  async function responseChecks(tokens: TokenSet, nonce: string, record: Recorder): Promise<Check[]> {
    const checks: Check[] = [];
    if (config.clientSecret && tokens.signature && tokens.issued_at) {
      checks.push(signatureCheck(config.clientSecret, tokens.id, tokens.issued_at, tokens.signature));
    }
    if (tokens.id_token) {
      const { issuer, keys } = await api.signingKeys(record);
      // A login through My Domain may name the My Domain host as issuer rather than the login host.
      const issuers = [issuer, config.loginUrl, new URL(tokens.instance_url).origin];
      checks.push(
        idTokenSignatureCheck(tokens.id_token, keys, { issuers, clientId: config.clientId, nowMs: now() }),
      );
      checks.push(nonceCheck(nonce, tokens.id_token));
    }
    return checks;
  }
  return router;
}

function failedCode(check: Check): string {
  return check.id === 'id-token' ? 'id_token_invalid' : `${check.id}_mismatch`;
}

/** The attempt this callback belongs to; a callback in a session that started nothing gets a fresh record. */
function currentAttempt(req: Request, flow: FlowName) {
  const attempt = req.session.attempt;
  return attempt && attempt.flow === flow ? attempt : beginAttempt(req, flow);
}
