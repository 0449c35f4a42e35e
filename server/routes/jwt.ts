// JWT bearer flow pages: the prerequisites, the key/certificate check, and the Run button.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Router, type Request } from 'express';
import { checkKeyMatchesCertificate } from '../certs.ts';
import { containsPrivateKey } from '../pem.ts';
import * as jwtBearer from '../flows/jwtBearer.ts';
import type { Check } from '../salesforce/attempt.ts';
import { SalesforceError } from '../salesforce/errors.ts';
import { requireCsrf } from './csrf.ts';
import { beginAttempt, recorder, startLoggedInSession } from './flowSession.ts';
import type { Services } from './services.ts';

export function jwtRouter({ config, api, now }: Services): Router {
  const router = Router();
  const certFile = path.join(config.certsDir, 'jwt.crt');

  router.get('/flows/jwt', (req, res) => {
    const attempt = req.session.attempt?.flow === 'jwt' ? req.session.attempt : undefined;
    res.set('Cache-Control', 'no-store').render('flows/jwt', {
      title: 'JWT bearer flow',
      attempt,
      keyCheck: keyMatchesCertificate(config.jwtKeyFile, certFile),
      notApproved: attempt?.error?.error_description === "user hasn't approved this consumer",
      claimsPreview: { iss: config.clientId, sub: config.username, aud: config.audience },
    });
  });

  router.post('/flows/jwt', requireCsrf, async (req, res) => {
    const attempt = beginAttempt(req, 'jwt');
    try {
      const privateKeyPem = readKey(config.jwtKeyFile);
      const request = jwtBearer.buildRequest({ config, privateKeyPem, nowMs: now(), faults: attempt.faults });
      attempt.assertion = request.assertion;
      const tokens = await api.token(request.form, recorder(req));
      attempt.ok = true;
      await startLoggedInSession(req, { flow: 'jwt', tokens, receivedAt: now() });
      return res.redirect(303, '/result');
    } catch (error) {
      attempt.error = describeFailure(error);
      attempt.ok = false;
    }
    res.redirect(303, '/flows/jwt');
  });
  return router;
}

/** The private key must be the partner of the certificate uploaded to the app, or Salesforce says "invalid assertion". */
function keyMatchesCertificate(keyFile: string, certFile: string): Check {
  const why =
    'Salesforce verifies the assertion with the certificate on the app; a key from another pair fails with invalid assertion.';
  try {
    checkKeyMatchesCertificate({ keyFile, certFile });
    return {
      id: 'key-certificate',
      label: 'private key matches the app certificate',
      passed: true,
      detail: `${path.basename(keyFile)} is the private half of ${path.basename(certFile)}.`,
      why,
    };
  } catch (error) {
    return {
      id: 'key-certificate',
      label: 'private key matches the app certificate',
      passed: false,
      detail: error instanceof Error ? error.message : String(error),
      why,
    };
  }
}

function readKey(file: string): string {
  const pem = readFileSync(file, 'utf8');
  if (/ENCRYPTED/.test(pem))
    throw new SalesforceError(
      'pem_error',
      'the private key is encrypted: use an unencrypted PEM key',
      0,
      '',
      'app',
    );
  if (!containsPrivateKey(pem))
    throw new SalesforceError(
      'pem_error',
      'no start line: the key file is not a PEM private key',
      0,
      '',
      'app',
    );
  return pem;
}

export function describeFailure(error: unknown): NonNullable<Request['session']['attempt']>['error'] {
  if (error instanceof SalesforceError) return error.toReceived();
  return {
    error: 'app_error',
    error_description: error instanceof Error ? error.message : String(error),
    source: 'app',
  };
}
