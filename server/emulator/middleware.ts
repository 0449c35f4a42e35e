// What every emulator request passes through before its endpoint: security headers, CORS, the emulator's own
// assets, form and multipart bodies, and a browser session on the pages people sign in on (never on API calls).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import express, { type Response } from 'express';
import session, { type SessionData } from 'express-session';
import { headersPerSetting } from '../fixedHeaders.ts';
import { securityHeaders } from '../securityHeaders.ts';
import { PUBLIC_DIR } from '../paths.ts';
import { SESSION_TTL_MS, TieredMemoryStore, type SessionLimits } from '../sessionStore.ts';
import { refusingRetiredIds } from '../retiredSessions.ts';
import { callbackOrigins } from './callbackUrls.ts';
import type { EmulatorContext } from './context.ts';
import { corsAnswers } from './cors.ts';
import { parseMultipart } from './endpoints/token.ts';
import { salesforceRequestLimits } from './requestSize.ts';

/**
 * Sessions not signed in apart from users signed in to the emulator, so that a flood of the first cannot push out
 * the second (requests waiting for a login, authorize's, device codes' and Setup's, are held apart, with bounds of
 * their own: pendingLogins.ts). Bounded in bytes as well as in count. Two hours without a request end one, as the
 * playground's own sessions (and the emulator's default token lifetime).
 */
const EMULATOR_SESSION_LIMITS: SessionLimits = {
  anonymous: { sessions: 2000, bytes: 8 * 1024 * 1024 },
  signedIn: { sessions: 200, bytes: 4 * 1024 * 1024 },
  ttlMs: SESSION_TTL_MS,
};
const signedIn = (data: SessionData) => Boolean(data.sfUserId);

export function useEmulatorMiddleware(app: express.Express, ctx: EmulatorContext): void {
  const { state } = ctx;
  // Security headers recorded once per list of callback URLs, instead of helmet rebuilding them on every request.
  // Callback URLs hold no line breaks (callbackUrlProblem refuses them), so one joins them into the key.
  app.use(
    headersPerSetting(
      () => state.settings.callbackUrls.join('\n'),
      (urls) =>
        securityHeaders({
          // The login and approval forms end in a redirect to the app's callback: allow those origins.
          // Only origins of validated callback URLs get here, so no saved value can make the header invalid.
          'form-action': ["'self'", ...callbackOrigins(urls === '' ? [] : urls.split('\n'))],
        }),
    ),
  );
  // Before anything that answers: a preflight gets its answer here, and an API's refusals (a 401 for a bad token)
  // carry the CORS headers that let the calling page read them.
  app.use(corsAnswers(ctx));
  app.use(salesforceRequestLimits);
  // Unversioned names, as the app's own assets: checked on every use (a 304 when unchanged), never an old copy.
  const assets = {
    cacheControl: false,
    setHeaders: (res: Response) => res.setHeader('Cache-Control', 'no-cache'),
  };
  app.use('/emulator-assets', express.static(path.join(PUBLIC_DIR, 'emulator'), assets));
  // The app's send-once script, for the login and approval forms: a double-clicked Allow sent a second POST of a
  // request the first had used, and its "expired" answer replaced the redirect the first was making.
  app.get('/emulator-assets/forms.js', (_req, res) =>
    res.sendFile(path.join(PUBLIC_DIR, 'js', 'forms.js'), { headers: { 'Cache-Control': 'no-cache' } }),
  );
  // Forms for the OAuth endpoints and pages. The REST API reads its own JSON bodies once the token is checked: a
  // form posted there gets the REST API's answer (401 without a token, 415 with one), never an OAuth-style one.
  const forms = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 100 });
  app.use((req, res, next) => (req.path.startsWith('/services/data/') ? next() : forms(req, res, next)));
  app.use('/services/oauth2/token', parseMultipart);
  // Only the pages a browser signs in on keep a session; API calls (token, REST, identity) never carry one, as
  // Salesforce's do not, and skip the id, hashing and store work.
  app.use(
    ['/services/oauth2/authorize', '/setup', '/services/auth'],
    session({
      // __Host-: set only over HTTPS, for every path and without a Domain: no parent or sibling domain can plant it.
      name: '__Host-sfemu.sid',
      secret: randomBytes(32).toString('hex'),
      resave: false,
      saveUninitialized: false,
      store: refusingRetiredIds(new TieredMemoryStore(EMULATOR_SESSION_LIMITS, signedIn)),
      cookie: { httpOnly: true, secure: true, sameSite: 'lax' },
    }),
  );
  // Login, approval and setup pages hold one-time ids and CSRF tokens: never kept by a browser or proxy cache.
  app.use(['/services/oauth2/authorize', '/setup'], (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
}
