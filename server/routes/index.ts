// The one list of the app's routers: each flow and page adds its router here.
import type express from 'express';
import type { Config } from '../config.ts';
import { callbackRouter } from './callback.ts';
import { exposeCsrf } from './csrf.ts';
import { homeRouter } from './home.ts';
import { jwtRouter } from './jwt.ts';
import { redirectFlowsRouter } from './redirectFlows.ts';
import { resultRouter } from './result.ts';
import { createServices } from './services.ts';
import { teachingHelpers } from '../teaching/index.ts';
import { setupRouter } from './setup.ts';
import { teachingRouter } from './teaching.ts';

export function mountRoutes(app: express.Express, config: Config): void {
  const services = createServices(config);
  app.locals.teach = teachingHelpers(config);
  app.use(exposeCsrf);
  app.use(homeRouter(config));
  for (const router of [
    teachingRouter,
    jwtRouter,
    redirectFlowsRouter,
    callbackRouter,
    resultRouter,
    setupRouter,
  ]) {
    app.use(router(services));
  }
}
