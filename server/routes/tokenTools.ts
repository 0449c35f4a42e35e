// Token tools on the result page: userinfo, the identity URL, introspection and revocation of the session's own
// tokens, each one leg of the transcript, with the answer shown under the tools.
import type { Request, RequestHandler } from 'express';
import { FlowError } from '../attempts/attempt.ts';
import { HttpError } from '../errors.ts';
import { cutText, describeFailure } from '../salesforce/errors.ts';
import type { Login } from '../salesforce/tokens.ts';
import { activityLog } from './attemptTranscript.ts';
import type { Services } from './services.ts';

export interface ToolResult {
  tool: string;
  label: string;
  /** When it was asked (ms): the answer stays on the page across later queries and visits. */
  at: number;
  ok: boolean;
  /** The answer, pretty-printed (no token in it: introspection and userinfo never echo one). */
  body?: string;
  error?: { error: string; error_description?: string };
}

declare module 'express-session' {
  interface SessionData {
    toolResult?: ToolResult;
  }
}

type Tool = {
  label: string;
  run(services: Services, login: Login, req: Request): Promise<unknown>;
  /** Which token a revoke tool revokes: the result page then says the visitor did it. */
  revokes?: 'access' | 'refresh';
};

const client = ({ config }: Services) => {
  if (!config.clientSecret) {
    throw new FlowError('no_client_secret', 'introspection needs the consumer secret (SF_CLIENT_SECRET)');
  }
  return { id: config.clientId, secret: config.clientSecret };
};

export const TOOLS = new Map<string, Tool>([
  ['userinfo', { label: 'Userinfo', run: (s, l, r) => s.api.userinfo(l.tokens, activityLog(r)) }],
  ['identity', { label: 'Identity URL', run: (s, l, r) => s.api.identityDocument(l.tokens, activityLog(r)) }],
  [
    'introspect-access',
    {
      label: 'Introspect the access token',
      run: (s, l, r) => s.api.introspect(l.tokens.access_token, 'access_token', client(s), activityLog(r)),
    },
  ],
  [
    'introspect-refresh',
    {
      label: 'Introspect the refresh token',
      run: (s, l, r) => s.api.introspect(refreshTokenOf(l), 'refresh_token', client(s), activityLog(r)),
    },
  ],
  [
    'revoke-access',
    {
      label: 'Revoke the access token',
      revokes: 'access',
      run: (s, l, r) => s.api.revokeToken(l.tokens.access_token, activityLog(r)),
    },
  ],
  [
    'revoke-refresh',
    {
      label: 'Revoke the refresh token',
      revokes: 'refresh',
      run: (s, l, r) => s.api.revokeToken(refreshTokenOf(l), activityLog(r)),
    },
  ],
]);

function refreshTokenOf(login: Login): string {
  if (!login.tokens.refresh_token) throw new FlowError('no_refresh_token', 'this login has no refresh token');
  return login.tokens.refresh_token;
}

/** Salesforce's longest answer here, an identity document, is a few kilobytes. */
const MAX_SHOWN = 20_000;

export function tokenToolHandler(services: Services): RequestHandler {
  return async (req, res) => {
    const login = req.session.login;
    if (!login) throw new HttpError(401, 'Not signed in', 'There is no token in this session.');
    const name = typeof req.body?.tool === 'string' ? req.body.tool : '';
    const tool = TOOLS.get(name);
    if (!tool) throw new HttpError(400, 'Unknown tool', 'Choose a token tool on the result page.');
    try {
      const answer = await tool.run(services, login, req);
      // Kept in the session until the next tool: an org's answer of megabytes is shown (and kept) cut.
      const body = answer === undefined ? undefined : cutText(JSON.stringify(answer, null, 2), MAX_SHOWN);
      req.session.toolResult = { tool: name, label: tool.label, at: services.now(), ok: true, body };
      // A refresh token's revocation takes its access tokens with it; an access token's leaves the refresh token.
      if (tool.revokes && login.revokedByTool?.token !== 'refresh')
        login.revokedByTool = { token: tool.revokes, at: services.now() };
    } catch (error) {
      const { error: code, error_description } = describeFailure(error);
      req.session.toolResult = {
        tool: name,
        label: tool.label,
        at: services.now(),
        ok: false,
        error: { error: code, error_description },
      };
    }
    res.redirect(303, '/result#tools');
  };
}
