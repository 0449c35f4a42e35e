// createApp(config): the playground's Express app, without listening (index.ts and tests listen).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import helmet from 'helmet';
import type { Config } from './config.ts';
import { errorHandler, notFound } from './errors.ts';
import { mountRoutes } from './routes/index.ts';
import { createServices } from './routes/services.ts';
import { sessionMiddleware } from './session.ts';
import { teachingHelpers } from './teaching/index.ts';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function createApp(config: Config, now: () => number = Date.now): express.Express {
  const app = express();
  app.set('view engine', 'ejs');
  app.set('views', path.join(rootDir, 'views'));
  app.set('x-powered-by', false);
  // What every view may read: the mode badge and the teaching helpers. Never the configuration (it holds secrets).
  app.locals.mode = config.mode;
  app.locals.teach = teachingHelpers(config, now);

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'script-src': ["'self'"], 'connect-src': ["'self'"], 'form-action': ["'self'"] },
      },
      // HSTS on localhost would pin every other local project to HTTPS; it teaches nothing here.
      strictTransportSecurity: false,
      // Tokens must never leave in a Referer header.
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  app.use(express.static(path.join(rootDir, 'public'), { index: false, maxAge: '1h' }));
  app.use(sessionMiddleware(config.sessionSecret));
  app.use(express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 50 }));
  app.use(express.json({ limit: '32kb' }));

  mountRoutes(app, createServices(config, now));

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
