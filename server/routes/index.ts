// Every URL of the app in one table. Handlers live in the module named after their page; flows/ holds the protocol.
import type express from 'express';
import type { Csrf } from '../csrf.ts';
import { callbackHandlers } from './callback.ts';
import { devicePages } from './device.ts';
import { explainPages } from './explain.ts';
import { homePages } from './home.ts';
import { jwtPages } from './jwt.ts';
import { logoutPages } from './logout.ts';
import { redirectFlowPages } from './redirectFlows.ts';
import { renewSpentValue } from './renewal.ts';
import { revealHandedOver } from './handOver.ts';
import { resultPages } from './result.ts';
import { clientCredentialsPages, refreshTokenPages, usernamePasswordPages } from './serverFlows.ts';
import type { Services } from './services.ts';
import { setupPages } from './setup.ts';
import { exposeArmedFaults, teachingHandlers } from './teaching.ts';
import { tokenToolHandler } from './tokenTools.ts';

export function mountRoutes(app: express.Express, services: Services, csrf: Csrf): void {
  const requireCsrf = csrf.require;
  const home = homePages(services);
  const setup = setupPages(services);
  const jwt = jwtPages(services);
  const redirect = redirectFlowPages(services);
  const clientCredentials = clientCredentialsPages(services);
  const refreshToken = refreshTokenPages(services);
  const device = devicePages(services);
  const usernamePassword = usernamePasswordPages(services);
  const callback = callbackHandlers(services);
  const result = resultPages(services);
  const logout = logoutPages(services);
  const teaching = teachingHandlers(services);
  const explain = explainPages(services);

  // Every page: a CSRF token for its forms (made only when a form asks), the faults armed for the next attempt,
  // and its own path, so the navigation marks the current page.
  // One middleware rather than three: each layer costs every request a pass through the router.
  app.use((req, res, next) => {
    res.locals.currentPath = req.path;
    exposeArmedFaults(req, res, (error?: unknown) => (error ? next(error) : csrf.expose(req, res, next)));
  });

  app.get('/', home.page);
  app.get('/explain', explain.linked);
  app.post('/explain', requireCsrf, explain.pasted);
  app.get('/setup', setup.guide);
  app.post('/setup/check', requireCsrf, setup.check);
  app.get('/setup/jwt.crt', setup.certificate);

  app.get('/flows/jwt', jwt.page);
  app.post('/flows/jwt', requireCsrf, jwt.run);
  app.get('/flows/web-server', redirect.page('web-server'));
  app.get('/flows/web-server/start', redirect.start('web-server'));
  app.post('/flows/web-server/handed-over/reveal', requireCsrf, revealHandedOver(services.config));
  app.get('/flows/user-agent', redirect.page('user-agent'));
  app.get('/flows/user-agent/start', redirect.start('user-agent'));
  app.get('/flows/client-credentials', clientCredentials.page);
  app.post('/flows/client-credentials', requireCsrf, clientCredentials.run);
  app.get('/flows/refresh-token', refreshToken.page);
  app.post('/flows/refresh-token', requireCsrf, refreshToken.run);
  app.get('/flows/device', device.page);
  app.post('/flows/device', requireCsrf, device.start);
  app.post('/flows/device/poll', requireCsrf, device.poll);
  app.get('/flows/username-password', usernamePassword.page);
  app.post('/flows/username-password', requireCsrf, usernamePassword.run);

  app.get('/oauthcallback.html', callback.query);
  app.post('/oauthcallback/fragment', requireCsrf, callback.fragment);

  app.get('/result', result.page);
  app.post('/result/query', requireCsrf, result.query);
  app.post('/result/reveal', requireCsrf, result.reveal);
  app.post('/result/tools', requireCsrf, tokenToolHandler(services));
  app.post('/logout', requireCsrf, logout.logout);
  app.get('/signed-out', logout.signedOut);
  app.post('/signed-out/end-session', requireCsrf, logout.endSession);

  app.post('/teaching/break-it', requireCsrf, teaching.armFaults);
  app.get('/teaching/legs/:entryId', teaching.leg);
  app.post('/teaching/reveal', requireCsrf, teaching.reveal);
  app.post('/teaching/fresh', requireCsrf, renewSpentValue(services));
}
