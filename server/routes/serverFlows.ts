// Pages of the flows with no browser redirect besides JWT bearer: client credentials, username-password, and the
// refresh token flow (which starts from this session's login).
import type { RequestHandler } from 'express';
import * as clientCredentials from '../flows/clientCredentials.ts';
import * as refreshToken from '../flows/refreshToken.ts';
import * as usernamePassword from '../flows/usernamePassword.ts';
import { HttpError } from '../errors.ts';
import { renderFlowPage, runAttempt } from './flowPages.ts';
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
        secretConfigured: Boolean(config.clientSecret),
      }),
    run: (req, res) => {
      const authentication = req.body?.authentication === 'basic' ? 'basic' : 'body';
      return runAttempt(services, req, res, 'client-credentials', (ctx, attempt) =>
        clientCredentials.requestToken(ctx, attempt.faults, authentication),
      );
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
        username: config.username,
        secretConfigured: Boolean(config.clientSecret),
      }),
    run: (req, res) => {
      const credentials = {
        username: field(req.body, 'username').trim() || config.username,
        password: field(req.body, 'password'),
        securityToken: field(req.body, 'securityToken').trim(),
      };
      return runAttempt(services, req, res, 'username-password', (ctx, attempt) =>
        usernamePassword.requestToken(ctx, credentials, attempt.faults),
      );
    },
  };
}

export function refreshTokenPages(services: Services): Pages {
  return {
    page: (req, res) =>
      renderFlowPage(req, res, 'refresh-token', {
        title: 'Refresh token flow',
        login: req.session.login,
      }),
    run: (req, res) => {
      const login = req.session.login;
      if (!login)
        throw new HttpError(401, 'Not signed in', 'Sign in with a flow that gives a refresh token first.');
      return runAttempt(services, req, res, 'refresh-token', (ctx, attempt) =>
        refreshToken.refresh(ctx, login, attempt.faults),
      );
    },
  };
}
