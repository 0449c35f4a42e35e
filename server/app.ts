// createApp(config): the playground's Express app, without listening (index.ts and tests listen).
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import express, { type RequestHandler } from 'express';
import type session from 'express-session';
import type { SessionData } from 'express-session';
import { accessOrigin, requireAccess } from './access.ts';
import { requestBodies } from './bodies.ts';
import type { Config } from './config.ts';
import { browserLoginUrl } from './configPublic.ts';
import { ORG_FAULTS, type OrgControl } from './orgFaults.ts';
import { PUBLIC_DIR, VIEWS_DIR } from './paths.ts';
import { csrfProtection } from './csrf.ts';
import { errorHandler, notFound } from './errors.ts';
import { fixedHeaders } from './fixedHeaders.ts';
import { securityHeaders } from './securityHeaders.ts';
import { MAX_PASTE_LENGTH } from './routes/explain.ts';
import { mountRoutes } from './routes/index.ts';
import { createServices, type Services } from './routes/services.ts';
import { sessionMiddleware } from './session.ts';
import { TieredMemoryStore } from './sessionStore.ts';
import { teachingHelpers } from './teaching/index.ts';
import { compiledOnceEngine } from './viewEngine.ts';
import { orgOnThisMachine } from './hostKinds.ts';
import { sameHostAsCallback } from './sameHost.ts';

export interface AppOptions {
  /** The clock (tests fix it). */
  now?: () => number;
  /** How long a call to Salesforce may take (tests shorten it). */
  httpTimeoutMs?: number;
  /** Where sessions live: see sessionStore.ts. */
  sessionStore?: session.Store;
  /** Org mode: the token of the access link printed at start (see access.ts). */
  accessToken?: string;
  /** Emulator mode: the local org's one-shot settings for org-side faults. */
  orgControl?: OrgControl;
  /** Org mode: one more certificate authority to trust, for tests that play a real org with a second emulator. */
  extraCa?: string;
  /** Compile each view once (default); `npm run dev` turns it off so edited templates show on the next request. */
  viewCache?: boolean;
}

export function createApp(config: Config, options: AppOptions = {}): express.Express {
  const now = options.now ?? Date.now;
  // Without SESSION_SECRET every start signs cookies with a new key, which signs everyone out: fine locally.
  const secret = config.sessionSecret ?? randomBytes(32).toString('hex');
  const app = express();
  app.set('view engine', 'ejs');
  app.set('views', VIEWS_DIR);
  // Express caches views only when NODE_ENV=production; `npm start` leaves NODE_ENV unset, so it is said here.
  const viewCache = options.viewCache ?? true;
  app.set('view cache', viewCache);
  if (viewCache) app.engine('ejs', compiledOnceEngine());
  app.set('x-powered-by', false);
  // Every page carries its visitor's CSRF token, so no two answers share an ETag: hashing each page is wasted.
  app.set('etag', false);
  // What every view may read: the mode badge and the teaching helpers. Never the configuration (it holds secrets).
  app.locals.mode = config.mode;
  app.locals.orgOnThisMachine = orgOnThisMachine(config);
  // Where an explanation's Salesforce Setup path leads in emulator mode: the emulator's own app settings.
  app.locals.emulatorSettingsUrl =
    config.mode === 'emulator' ? `${browserLoginUrl(config)}/setup` : undefined;
  app.locals.teach = teachingHelpers(config, now);
  app.locals.orgFaultIds = ORG_FAULTS;
  // The paste box on the home, Setup and explain pages.
  app.locals.maxPasteLength = MAX_PASTE_LENGTH;

  app.use(
    fixedHeaders(
      securityHeaders({
        'script-src': ["'self'"],
        'connect-src': ["'self'"],
        // Logging out ends the login at the org too: the logout form's answer redirects to the login host. Both it
        // and a Run form (once signed in at the org, no page stops there) end at the callback's origin, which a proxy
        // or SSH forward on another port makes another than this page's: without it the browser stops, silently.
        'form-action': [
          ...new Set(["'self'", new URL(browserLoginUrl(config)).origin, new URL(config.callbackUrl).origin]),
        ],
      }),
    ),
  );
  app.use(sameHostAsCallback(config.callbackUrl));
  app.use(staticAssets(PUBLIC_DIR));
  if (options.accessToken) {
    const origin = accessOrigin(`https://localhost:${config.port}`, config.callbackUrl);
    app.use(requireAccess(options.accessToken, origin, Boolean(config.sessionSecret)));
  }
  const services = createServices(config, {
    now,
    httpTimeoutMs: options.httpTimeoutMs,
    extraCa: options.extraCa,
    orgControl: options.orgControl,
  });
  const sessionStore = options.sessionStore ?? new TieredMemoryStore();
  if (sessionStore instanceof TieredMemoryStore) sessionStore.onForgotten(revokeForgotten(services));
  app.use(sessionMiddleware(secret, sessionStore));
  app.use(requestBodies());

  mountRoutes(app, services, csrfProtection(secret, Boolean(config.redisUrl), !config.sessionSecret));

  app.use(notFound);
  app.use(errorHandler);
  return app;
}

/**
 * A session this app forgot (2 hours unused, or pushed out by newer ones) takes its login's refresh token with it:
 * nobody can use or revoke it any more, so it is revoked now, as a logout would, rather than left valid at the org
 * (until revoked, by default) holding one of the user's five grants. In Redis, sessions expire inside Redis, unseen.
 */
function revokeForgotten(services: Services): (data: SessionData) => void {
  return (data) => {
    const refreshToken = data.login?.tokens.refresh_token;
    if (refreshToken) void services.api.revokeToken(refreshToken, () => undefined).catch(() => undefined);
  };
}

/**
 * public/ served under its own top-level names only (/css, /js, /favicon.svg...): a page request never costs a
 * look at the disk. The names are read at start, so a folder added to public/ is served after a restart. Their
 * names carry no version, so a browser asks each time whether its copy is current (a 304 when it is): after an
 * update or an edit, no page runs last hour's script against this hour's page.
 */
function staticAssets(publicDir: string): RequestHandler {
  const topLevel = new Set(readdirSync(publicDir));
  const serve = express.static(publicDir, {
    index: false,
    cacheControl: false,
    setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
  });
  return (req, res, next) => {
    const slash = req.path.indexOf('/', 1);
    const first = req.path.slice(1, slash === -1 ? undefined : slash);
    if (topLevel.has(first)) serve(req, res, next);
    else next();
  };
}
