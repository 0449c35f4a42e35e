// After login: the token (masked, revealable by its owner), who you are, and a SOQL query on the instance.
import type { Request, RequestHandler } from 'express';
import type { ReceivedError } from '../attempts/attempt.ts';
import { HttpError } from '../errors.ts';
import { buildRefreshRequest } from '../flows/webServer.ts';
import type { QueryResult } from '../salesforce/api.ts';
import { describeFailure } from '../salesforce/errors.ts';
import type { Login } from '../salesforce/tokens.ts';
import { SESSION_COOKIE } from '../session.ts';
import { sessionLog } from './attemptSession.ts';
import type { Services } from './services.ts';

/** The original tutorial's query, one click away. */
export const TUTORIAL_QUERY = 'SELECT CaseNumber, Subject FROM Case LIMIT 1';
const MAX_SOQL_LENGTH = 4000;

declare module 'express-session' {
  interface SessionData {
    soql?: string;
    /** Set after a successful refresh, shown once. */
    refreshed?: boolean;
  }
}

type Handlers = Record<'page' | 'query' | 'refresh' | 'reveal' | 'logout', RequestHandler>;

export function resultPages({ config, api, now }: Services): Handlers {
  return {
    async page(req, res) {
      const login = req.session.login;
      res.set('Cache-Control', 'no-store');
      if (!login) return res.status(401).render('signed-out', { title: 'Not signed in' });
      const soql = req.session.soql ?? config.sampleQuery;
      const record = sessionLog(req, { replaceLeg: true }).entry;
      const problems: ReceivedError[] = [];
      const step = async <T>(work: () => Promise<T>): Promise<T | undefined> => {
        try {
          return await work();
        } catch (error) {
          problems.push(describeFailure(error));
          return undefined;
        }
      };
      login.identity ??= await step(() => api.identity(login.tokens, record));
      login.apiVersion ??= config.apiVersion ?? (await step(() => api.newestVersion(login.tokens, record)));
      const version = login.apiVersion;
      const result: QueryResult | undefined = version
        ? await step(() => api.query(login.tokens, version, soql, record))
        : undefined;
      res.render('result', {
        title: 'Signed in',
        login,
        maskedToken: maskToken(login.tokens.access_token),
        issuedAt: issuedAt(login),
        soql,
        tutorialQuery: TUTORIAL_QUERY,
        result,
        columns: result ? columnsOf(result.records) : [],
        problems,
        attempt: req.session.attempt,
        refreshed: takeFlag(req),
        scripts: ['/js/result.js'],
      });
    },

    query(req, res) {
      const typed = typeof req.body?.soql === 'string' ? req.body.soql.trim().slice(0, MAX_SOQL_LENGTH) : '';
      req.session.soql = req.body?.preset === 'tutorial' ? TUTORIAL_QUERY : typed || config.sampleQuery;
      res.redirect(303, '/result#query');
    },

    /** Trades the session's refresh token for a new access token: the cure for an expired session. */
    async refresh(req, res) {
      const login = req.session.login;
      if (!login?.tokens.refresh_token)
        throw new HttpError(400, 'No refresh token', 'This login did not receive a refresh token.');
      try {
        const fresh = await api.token(
          buildRefreshRequest(config, login.tokens.refresh_token),
          sessionLog(req).entry,
          'refresh',
        );
        login.tokens = { ...fresh, refresh_token: fresh.refresh_token ?? login.tokens.refresh_token };
        login.receivedAt = now();
        req.session.refreshed = true;
      } catch (error) {
        if (req.session.attempt) req.session.attempt.error = describeFailure(error);
      }
      res.redirect(303, '/result');
    },

    /** Shows the owner their own token: read from their session, never from a URL. */
    reveal(req, res) {
      const login = req.session.login;
      if (!login) throw new HttpError(401, 'Not signed in', 'There is no token in this session.');
      res.set('Cache-Control', 'no-store').json({ access_token: login.tokens.access_token });
    },

    async logout(req, res) {
      const login = req.session.login;
      if (login) await api.revoke(login.tokens, () => undefined).catch(() => undefined);
      await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
      res.clearCookie(SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: 'lax' });
      res.redirect(303, '/');
    },
  };
}

function takeFlag(req: Request): boolean {
  const refreshed = Boolean(req.session.refreshed);
  delete req.session.refreshed;
  return refreshed;
}

/** Enough to recognise the token (the org id prefix and its length), not enough to use it. */
export function maskToken(token: string): string {
  return `${token.slice(0, 6)}…${'•'.repeat(8)} (${token.length} characters)`;
}

function issuedAt(login: Login): { iso: string; fromResponse: boolean } {
  const ms = login.tokens.issued_at ? Number(login.tokens.issued_at) : login.receivedAt;
  return { iso: new Date(ms).toISOString(), fromResponse: Boolean(login.tokens.issued_at) };
}

function columnsOf(records: Record<string, unknown>[]): string[] {
  const columns = new Set<string>();
  for (const record of records)
    for (const key of Object.keys(record)) if (key !== 'attributes') columns.add(key);
  return [...columns];
}
