// Pages of the flows with no browser redirect besides JWT bearer: client credentials, username-password, and the
// refresh token flow (which starts from this session's login).
import type { RequestHandler } from 'express';
import * as clientCredentials from '../flows/clientCredentials.ts';
import * as refreshToken from '../flows/refreshToken.ts';
import * as usernamePassword from '../flows/usernamePassword.ts';
import { HttpError } from '../errors.ts';
import { EMULATOR_DEFAULTS } from '../config.ts';
import { SalesforceError } from '../salesforce/errors.ts';
import { loginHostIsMyDomain } from '../teaching/faults.ts';
import { latestAttempt } from './attemptSession.ts';
import { renderFlowPage, runAttempt } from './flowPages.ts';
import { browserLoginUrl } from '../configPublic.ts';
import type { Services } from './services.ts';

type Pages = Record<'page' | 'run', RequestHandler>;

export function clientCredentialsPages(services: Services): Pages {
  const { config } = services;
  return {
    page: (req, res) =>
      renderFlowPage(req, res, 'client-credentials', {
        title: 'Client credentials flow',
        loginUrl: config.loginUrl,
        myDomainUrl: config.myDomainUrl,
        loginIsMyDomain: loginHostIsMyDomain(config),
        secretConfigured: Boolean(config.clientSecret),
        // The way the last run sent the secret stays chosen: a retry changes only what the learner changes.
        basicChosen: latestAttempt(req, 'client-credentials')?.input?.basic ?? false,
      }),
    run: (req, res) => {
      const authentication = req.body?.authentication === 'basic' ? 'basic' : 'body';
      return runAttempt(services, req, res, 'client-credentials', (ctx, attempt) => {
        attempt.input = { basic: authentication === 'basic' };
        return clientCredentials.requestToken(ctx, attempt.faults, authentication);
      });
    },
  };
}

export function usernamePasswordPages(services: Services): Pages {
  const { config } = services;
  const field = (body: Record<string, unknown> | undefined, name: string) =>
    typeof body?.[name] === 'string' ? (body[name] as string) : '';
  return {
    page: (req, res) =>
      renderFlowPage(req, res, 'username-password', {
        title: 'Username-password flow (legacy)',
        // The user the last run tried, not the configured one: a retry must not silently switch users.
        username: latestAttempt(req, 'username-password')?.input?.username || config.username,
        secretConfigured: Boolean(config.clientSecret),
        // The emulator lists security tokens on its home page only beside the default password, which it shows
        // there; with EMULATOR_PASSWORD set they are on its Setup page, behind the administrator's login.
        tokensOnEmulatorHome: config.emulator.password === EMULATOR_DEFAULTS.password,
        emulatorHomeUrl: `${browserLoginUrl(config)}/`,
      }),
    run: (req, res) => {
      const credentials = {
        username: field(req.body, 'username').trim() || config.username,
        password: field(req.body, 'password'),
        securityToken: field(req.body, 'securityToken').trim(),
      };
      return runAttempt(services, req, res, 'username-password', (ctx, attempt) => {
        attempt.input = { username: credentials.username };
        if (!credentials.securityToken) attempt.input.noSecurityToken = true;
        return usernamePassword.requestToken(ctx, credentials, attempt.faults);
      });
    },
  };
}

/**
 * Sessions with a refresh under way. A second one at the same moment (another tab, a second click) would send the
 * same refresh token again: with rotation on, Salesforce takes that for a stolen token and revokes the whole login.
 * Per process: with several app processes behind Redis, the same race needs a sticky session.
 */
const refreshingSessions = new Set<string>();

export function refreshTokenPages(services: Services): Pages {
  return {
    page: (req, res) =>
      renderFlowPage(req, res, 'refresh-token', {
        title: 'Refresh token flow',
        login: req.session.login,
      }),
    run: async (req, res) => {
      const login = req.session.login;
      if (!login)
        throw new HttpError(401, 'Not signed in', 'Sign in with a flow that gives a refresh token first.');
      if (refreshingSessions.has(req.sessionID)) {
        throw new HttpError(
          409,
          'A refresh is already under way',
          'This session is refreshing its token right now, from another tab or an earlier click, and its answer will replace the tokens. Nothing was sent: the same refresh token sent twice at once is how a stolen token looks, and with rotation on Salesforce would revoke every token of the login.',
          { href: '/result', label: 'See the result of the refresh' },
        );
      }
      const sessionId = req.sessionID;
      refreshingSessions.add(sessionId);
      try {
        await runAttempt(services, req, res, 'refresh-token', async (ctx, attempt) => {
          try {
            return await refreshToken.refresh(ctx, login, attempt.faults);
          } catch (error) {
            // Marked on the session's login before the answer saves it. Only this answer says the token itself is dead
            // (revoked, expired by the policy, or its family revoked); a wrong secret or an IP rule may pass.
            if (error instanceof SalesforceError && error.description === 'expired access/refresh token') {
              login.refreshRefused = { at: services.now(), description: error.description };
            }
            throw error;
          }
        });
      } finally {
        refreshingSessions.delete(sessionId);
      }
    },
  };
}
