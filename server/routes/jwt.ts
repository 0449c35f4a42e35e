// JWT bearer flow pages: the prerequisites with the key/certificate check, and the Run button.
import path from 'node:path';
import type { RequestHandler } from 'express';
import * as jwtBearer from '../flows/jwtBearer.ts';
import { beginAttempt, finishAttempt, sessionLog } from './attemptSession.ts';
import type { Services } from './services.ts';

export function jwtPages({ config, api, now }: Services): { page: RequestHandler; run: RequestHandler } {
  const certFile = path.join(config.certsDir, 'jwt.crt');
  return {
    page(req, res) {
      const attempt = req.session.attempt?.flow === 'jwt' ? req.session.attempt : undefined;
      res.set('Cache-Control', 'no-store').render('flows/jwt', {
        title: 'JWT bearer flow',
        attempt,
        keyCheck: jwtBearer.keyMatchesCertificate(config.jwtKeyFile, certFile),
        notApproved: attempt?.error?.error_description === "user hasn't approved this consumer",
        claimsPreview: { iss: config.clientId, sub: config.username, aud: config.audience },
      });
    },
    async run(req, res) {
      const attempt = beginAttempt(req, 'jwt', now());
      const ctx = { config, api, now, log: sessionLog(req) };
      const signedIn = await finishAttempt(req, attempt, now, () =>
        jwtBearer.requestToken(ctx, attempt.faults),
      );
      res.redirect(303, signedIn ? '/result' : '/flows/jwt');
    },
  };
}
