// The local Salesforce emulator's Express app: the login host and the org's My Domain (the instance) on one server,
// told apart by host name, and clearly not Salesforce.
import path from 'node:path';
import express from 'express';
import session from 'express-session';
import helmet from 'helmet';
import createMemoryStore from 'memorystore';
import { randomBytes } from 'node:crypto';
import { authenticate } from './bearer.ts';
import { callbackOrigins } from './callbackUrls.ts';
import { CodeStore } from './codes.ts';
import type { EmulatorContext, EmulatorOptions, ReceivedRequest } from './context.ts';
import { DeviceStore } from './devices.ts';
import { authorizeEndpoint } from './endpoints/authorize.ts';
import { connectEndpoint } from './endpoints/connect.ts';
import { discoveryEndpoints } from './endpoints/discovery.ts';
import { errorPageEndpoint } from './endpoints/errorPage.ts';
import { homeEndpoint } from './endpoints/home.ts';
import { identityEndpoints } from './endpoints/identity.ts';
import { introspectEndpoint } from './endpoints/introspect.ts';
import { logoutEndpoint } from './endpoints/logout.ts';
import { revokeEndpoint } from './endpoints/revoke.ts';
import { setupEndpoint } from './endpoints/setup.ts';
import { parseMultipart, tokenEndpoint } from './endpoints/token.ts';
import { oauthErrorHandler } from './errors.ts';
import { requestHost } from './hosts.ts';
import { LoginGuard } from './lockout.ts';
import { OrgFaultSwitch } from './orgControl.ts';
import { defaultSettings, identityUrl, ORG_ID, orgUsers } from './org.ts';
import { recordReceived } from './params.ts';
import { createRestApi } from './rest/router.ts';
import { loadSoqlParser } from './rest/soql/parse.ts';
import { EmulatorState } from './state.ts';
import type { OrgControl } from '../orgFaults.ts';
import { headersPerSetting } from '../fixedHeaders.ts';
import { PUBLIC_DIR, VIEWS_DIR } from '../paths.ts';

export interface Emulator {
  app: express.Express;
  received: ReceivedRequest[];
  context: EmulatorContext;
  /** Writes what is still pending to the data folder; called when the server stops. */
  close(): Promise<void>;
  /** The org-side faults the playground arms ("break it"); stack.ts hands it to the app. */
  orgControl: OrgControl;
}

const MemoryStore = createMemoryStore(session);

/** When the SOQL parser loads if no query came first: after start-up, before a learner's first query. */
const SOQL_PARSER_WARM_UP_MS = 1_000;

export function createEmulator(options: EmulatorOptions): Emulator {
  setTimeout(loadSoqlParser, SOQL_PARSER_WARM_UP_MS).unref();
  const now = options.now ?? Date.now;
  const state = new EmulatorState(
    options.dataDir,
    () => defaultSettings(options.callbackUrl, options.certificatePem),
    now,
    options.stateWriteDelayMs,
    options.signingKeyPem,
  );
  const ctx: EmulatorContext = {
    options,
    baseUrl: options.baseUrl,
    myDomainUrl: options.myDomainUrl,
    users: orgUsers(options.username),
    state,
    codes: new CodeStore(now),
    devices: new DeviceStore(now),
    faults: new OrgFaultSwitch(),
    logins: new LoginGuard(now),
    received: [],
    now,
    tokenLifetimeMs: options.sessionMinutes * 60 * 1000,
  };
  const app = express();
  app.set('view engine', 'ejs');
  app.set('views', VIEWS_DIR);
  app.set('view cache', options.viewCache ?? true);
  app.set('x-powered-by', false);
  app.locals.emulatorUrl = options.baseUrl;
  app.locals.myDomainUrl = options.myDomainUrl;
  app.locals.demoUsername = options.username;
  app.locals.demoPasswordHint = options.demoPasswordHint;
  app.locals.demoUsers = ctx.users;
  // Security headers recorded once per list of callback URLs, instead of helmet rebuilding them on every request.
  // Callback URLs hold no line breaks (callbackUrlProblem refuses them), so one joins them into the key.
  app.use(
    headersPerSetting(
      () => state.settings.callbackUrls.join('\n'),
      (urls) =>
        helmet({
          contentSecurityPolicy: {
            directives: {
              // The login and approval forms end in a redirect to the app's callback: allow those origins.
              // Only origins of validated callback URLs get here, so no saved value can make the header invalid.
              'form-action': ["'self'", ...callbackOrigins(urls === '' ? [] : urls.split('\n'))],
            },
          },
          strictTransportSecurity: false,
          referrerPolicy: { policy: 'no-referrer' },
        }),
    ),
  );
  app.use('/emulator-assets', express.static(path.join(PUBLIC_DIR, 'emulator'), { maxAge: '1h' }));
  app.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 100 }));
  app.use('/services/oauth2/token', parseMultipart);
  // Only the pages a browser signs in on keep a session; API calls (token, REST, identity) never carry one, as
  // Salesforce's do not, and skip the id, hashing and store work.
  app.use(
    ['/services/oauth2/authorize', '/setup', '/services/auth'],
    session({
      name: 'sfemu.sid',
      secret: randomBytes(32).toString('hex'),
      resave: false,
      saveUninitialized: false,
      store: new MemoryStore({ max: 2000, checkPeriod: 10 * 60 * 1000 }),
      cookie: { httpOnly: true, secure: true, sameSite: 'lax' },
    }),
  );
  // Login, approval and setup pages hold one-time ids and CSRF tokens: never kept by a browser or proxy cache.
  app.use(['/services/oauth2/authorize', '/setup'], (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use('/services/oauth2', recordReceived(ctx.received, now));
  for (const endpoint of [
    homeEndpoint,
    authorizeEndpoint,
    tokenEndpoint,
    revokeEndpoint,
    introspectEndpoint,
    identityEndpoints,
    discoveryEndpoints,
    logoutEndpoint,
    connectEndpoint,
    errorPageEndpoint,
    setupEndpoint,
  ]) {
    app.use(endpoint(ctx));
  }
  // The REST API lives on the instance (My Domain). On the login host a token gets what Salesforce gives an API
  // call that missed instance_url; the version list needs no session and answers on both.
  app.use('/services/data', (req, res, next) => {
    if (req.path === '/' || requestHost(ctx, req).kind === 'my-domain') return next();
    res
      .status(401)
      .set('Cache-Control', 'no-store')
      .json([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
  });
  const rest = createRestApi({
    authenticate: (token) => {
      const caller = authenticate(ctx, token);
      return caller ? { userId: caller.user.id, orgId: ORG_ID, scopes: caller.record.scopes } : undefined;
    },
    users: () =>
      ctx.users.map((u) => ({
        Id: u.id,
        Username: u.username,
        FirstName: u.firstName,
        LastName: u.lastName,
        Name: `${u.firstName} ${u.lastName}`,
        Email: u.email,
        IsActive: u.active,
      })),
    now,
    instanceUrl: options.myDomainUrl,
    identityUrl: (userId) => identityUrl(options.baseUrl, userId),
    dataDir: options.dataDir,
    onReset: (listener) => state.onReset(listener),
  });
  app.use(rest.router);
  app.use((_req, res) =>
    res.status(404).json([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]),
  );
  app.use(oauthErrorHandler);
  const close = async () => {
    await Promise.all([rest.close(), state.close()]);
  };
  return { app, received: ctx.received, context: ctx, close, orgControl: ctx.faults };
}
