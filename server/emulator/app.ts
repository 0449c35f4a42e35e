// The local Salesforce emulator's Express app: the login host and the org's My Domain (the instance) on one server,
// told apart by host name, and clearly not Salesforce.
import express from 'express';
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
import { unservedApisEndpoint } from './endpoints/unservedApis.ts';
import { tokenEndpoint } from './endpoints/token.ts';
import { oauthErrorHandler } from './errors.ts';
import { LoginGuard } from './lockout.ts';
import { PendingLogins } from './pendingLogins.ts';
import { OrgFaultSwitch } from './orgControl.ts';
import { defaultSettings, orgUsers } from './org.ts';
import { useEmulatorMiddleware } from './middleware.ts';
import { mountRestApi } from './restMount.ts';
import { restErrorHandler } from './rest/restHttp.ts';
import { recordReceived } from './params.ts';
import { loadSoqlParser } from './rest/soql/parserLibrary.ts';
import { EmulatorState } from './state.ts';
import type { OrgControl } from '../orgFaults.ts';
import { VIEWS_DIR } from '../paths.ts';
import { permissionOf } from './scopes.ts';

export interface Emulator {
  app: express.Express;
  received: ReceivedRequest[];
  context: EmulatorContext;
  /** Writes what is still pending to the data folder; called when the server stops. */
  close(): Promise<void>;
  /** The org-side faults the playground arms ("break it"); stack.ts hands it to the app. */
  orgControl: OrgControl;
}

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
    faults: new OrgFaultSwitch(now),
    logins: new LoginGuard(now),
    pendingLogins: new PendingLogins(now),
    pendingDevices: new PendingLogins(now, '__Host-sfemu.dev-'),
    setupLogins: new PendingLogins(now, '__Host-sfemu.setup-'),
    received: [],
    now,
    tokenLifetimeMs: options.sessionMinutes * 60 * 1000,
  };
  // A reset revokes every token: codes and device approvals that could still become tokens go with them.
  state.onReset(() => {
    ctx.codes.clear();
    ctx.devices.clear();
  });
  const app = express();
  app.set('view engine', 'ejs');
  app.set('views', VIEWS_DIR);
  app.set('view cache', options.viewCache ?? true);
  app.set('x-powered-by', false);
  // Salesforce documents an ETag on one REST resource only (sObject Rows, Account records), with its own strong
  // form; Express would add a weak one to every answer (and a 304 to a matching If-None-Match) and hash each body.
  app.set('etag', false);
  // Nor does Express decide freshness here: it answers any GET with `If-None-Match: *` 304, and Salesforce
  // documents If-None-Match for Account records only. The REST API's own If-Modified-Since lives in conditional.ts.
  Object.defineProperty(app.request, 'fresh', { configurable: true, get: () => false });
  app.locals.emulatorUrl = options.baseUrl;
  app.locals.myDomainUrl = options.myDomainUrl;
  app.locals.publicUrl = options.publicUrl;
  app.locals.demoUsername = options.username;
  app.locals.demoPasswordHint = options.demoPasswordHint;
  app.locals.demoUsers = ctx.users;
  // The approval page names each scope's permission as Salesforce's settings do.
  app.locals.permissionOf = permissionOf;
  // A client that joins an instance URL ending in "/" to a path asks for //services/...: the Salesforce CLI does
  // after `sf org login access-token`, and works against real orgs, so their servers take it as /services/...
  // (inferred from that, not documented). Only the leading slashes are folded; the rest of the URL is untouched.
  app.use((req, _res, next) => {
    if (req.url.startsWith('//')) req.url = req.url.replace(/^\/+/, '/');
    next();
  });
  useEmulatorMiddleware(app, ctx);
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
    unservedApisEndpoint,
  ]) {
    app.use(endpoint(ctx));
  }
  const rest = mountRestApi(app, ctx);
  // A browser that mistypes a page gets a page (Salesforce shows an HTML one too); API callers get the JSON error.
  app.use((req, res) => {
    res.status(404);
    if (!req.path.startsWith('/services/') && req.accepts(['json', 'html']) === 'html') {
      return res.render('emulator/error', {
        title: 'Page not found',
        heading: 'This page does not exist in the local emulator',
        // The address is not echoed: on a page that looks like a login page it could carry any words.
        text: 'Its pages are the home page, Setup (/setup) and the device code page (/setup/connect).',
        code: 'not-found',
      });
    }
    res.json([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
  });
  // A REST path that fails before the REST API's own handler (a malformed %-escape in the version) answers as REST.
  app.use('/services/data', restErrorHandler);
  app.use(oauthErrorHandler);
  const close = async () => {
    await Promise.all([rest.close(), state.close()]);
  };
  return { app, received: ctx.received, context: ctx, close, orgControl: ctx.faults };
}
