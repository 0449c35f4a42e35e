// The home page: what the playground is and the flows it runs.
import type { RequestHandler } from 'express';
import type { Services } from './services.ts';

export function homePages({ config }: Services): { page: RequestHandler } {
  return {
    page(_req, res) {
      res.render('home', {
        title: 'Salesforce OAuth 2.0 playground',
        loginUrl: config.loginUrl,
        emulatorHomeUrl: `${config.loginUrl}/`,
        emulatorSetupUrl: `${config.loginUrl}/setup`,
      });
    },
  };
}
