// JWT bearer flow pages: the prerequisites with the key/certificate check, and the Run button.
import path from 'node:path';
import type { RequestHandler } from 'express';
import type { FlowName } from '../attempts/attempt.ts';
import type { Login } from '../salesforce/tokens.ts';
import * as jwtBearer from '../flows/jwtBearer.ts';
import { isOwnKey, keyMatchesCertificate } from '../flows/jwtKeyCheck.ts';
import { latestAttempt } from './attemptSession.ts';
import { notApproved, renderFlowPage, runAttempt } from './flowPages.ts';
import type { Services } from './services.ts';

/**
 * The flows whose login asks the user to allow the app, each leaving an approval behind; and a refresh, which
 * continues such a login (only they bring a refresh token).
 */
const INTERACTIVE_FLOWS = new Set<FlowName>(['web-server', 'user-agent', 'device', 'refresh-token']);

/**
 * Someone else's approval does not count for sub: the user the last sign-in here allowed the app as, when not the
 * assertion's (usernames compare without case, as Salesforce's do). The usual end of an "Approve once" with a
 * mistyped SF_USERNAME corrected at the login page. Client credentials or a password grant approve nothing.
 */
function approvedAsOther(login: Login | undefined, username: string): string | undefined {
  const signedInAs = login && INTERACTIVE_FLOWS.has(login.flow) ? login.identity?.username : undefined;
  return signedInAs && signedInAs.toLowerCase() !== username.toLowerCase() ? signedInAs : undefined;
}

export function jwtPages(services: Services): { page: RequestHandler; run: RequestHandler } {
  const { config } = services;
  const certFile = path.join(config.certsDir, 'jwt.crt');
  return {
    page(req, res) {
      const attempt = latestAttempt(req, 'jwt');
      renderFlowPage(req, res, 'jwt', {
        approvedAsOther: approvedAsOther(req.session.login, config.username),
        title: 'JWT bearer flow',
        keyCheck: keyMatchesCertificate(config.jwtKeyFile, certFile, config.mode),
        ownKey: isOwnKey(config.jwtKeyFile, certFile),
        notApproved: notApproved(attempt),
        claimsPreview: { iss: config.clientId, sub: config.username, aud: config.audience },
      });
    },
    run: (req, res) =>
      runAttempt(services, req, res, 'jwt', (ctx, attempt) => jwtBearer.requestToken(ctx, attempt.faults)),
  };
}
