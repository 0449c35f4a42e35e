// The home page: what the playground is and the three flows it runs.
import { Router } from 'express';
import type { Config } from '../config.ts';

export function homeRouter(config: Config): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.render('home', {
      title: 'Salesforce OAuth 2.0 playground',
      loginUrl: config.loginUrl,
      mode: config.mode,
    });
  });
  return router;
}
