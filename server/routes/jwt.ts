// JWT bearer flow pages: the prerequisites with the key/certificate check, and the Run button.
import path from 'node:path';
import type { RequestHandler } from 'express';
import * as jwtBearer from '../flows/jwtBearer.ts';
import { isOwnKey, keyMatchesCertificate } from '../flows/jwtKeyCheck.ts';
import { latestAttempt } from './attemptSession.ts';
import { renderFlowPage, runAttempt } from './flowPages.ts';
import type { Services } from './services.ts';

export function jwtPages(services: Services): { page: RequestHandler; run: RequestHandler } {
  const { config } = services;
  const certFile = path.join(config.certsDir, 'jwt.crt');
  return {
    page(req, res) {
      const attempt = latestAttempt(req, 'jwt');
      // Someone else's approval does not count for sub: said when this browser last signed in as another user
      // (usernames compare without case, as Salesforce's do), the usual end of an "Approve once" with a mistyped
      // SF_USERNAME corrected at the login page.
      const signedInAs = req.session.login?.identity?.username;
      const approvedAsOther =
        signedInAs && signedInAs.toLowerCase() !== config.username.toLowerCase() ? signedInAs : undefined;
      renderFlowPage(req, res, 'jwt', {
        approvedAsOther,
        title: 'JWT bearer flow',
        keyCheck: keyMatchesCertificate(config.jwtKeyFile, certFile),
        ownKey: isOwnKey(config.jwtKeyFile, certFile),
        notApproved: attempt?.error?.error_description === "user hasn't approved this consumer",
        claimsPreview: { iss: config.clientId, sub: config.username, aud: config.audience },
      });
    },
    run: (req, res) =>
      runAttempt(services, req, res, 'jwt', (ctx, attempt) => jwtBearer.requestToken(ctx, attempt.faults)),
  };
}
