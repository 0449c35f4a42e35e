// The one list of the app's routers: each flow and page adds its router here.
import type express from 'express';
import type { Config } from '../config.ts';
import { homeRouter } from './home.ts';

export function mountRoutes(app: express.Express, config: Config): void {
  app.use(homeRouter(config));
}
