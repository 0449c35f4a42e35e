// Logging out: the token revoked and this app's login ended, then, on request, the login at the org ended too.
import type { RequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import type { FlowName, TranscriptEntry } from '../attempts/attempt.ts';
import { markLoggedOut } from '../retiredSessions.ts';
import { entryView } from '../teaching/transcript.ts';
import { endLogins } from './loggedOutLogins.ts';
import { browserLoginUrl } from '../configPublic.ts';
import type { Services } from './services.ts';

declare module 'express-session' {
  interface SessionData {
    /** What the last logout did (revoke, end session), for the signed-out page. */
    loggedOut?: TranscriptEntry[];
    /** The flow of the login it ended: only a redirect flow's left a login at Salesforce in this browser. */
    loggedOutFlow?: FlowName;
  }
}

export function logoutPages(
  services: Services,
): Record<'logout' | 'endSession' | 'signedOut', RequestHandler> {
  const { config, api, now } = services;
  return {
    /** Revokes the token (a leg the signed-out page shows) and ends this app's login with a new session id. */
    async logout(req, res) {
      // Before anything is awaited: a sign-in of this session that ends meanwhile must not undo the logout.
      markLoggedOut(req);
      // Logins this browser left waiting at Salesforce end with the session that held them; the next session keeps
      // digests of their states, so that one coming back is told that this logout ended it.
      const ended = endLogins(req, services.pendingLogins);
      const login = req.session.login;
      const legs: TranscriptEntry[] = [];
      if (login) await api.revoke(login.tokens, (entry) => legs.push(entry)).catch(() => undefined);
      await new Promise<void>((resolve, reject) =>
        req.session.regenerate((error) => (error ? reject(error) : resolve())),
      );
      req.session.loggedOut = legs;
      req.session.loggedOutFlow = login?.flow;
      req.session.loggedOutLogins = ended;
      res.redirect(303, '/signed-out');
    },

    /**
     * Ends this browser's login at the org too, on request: the org's end_session_endpoint, asked to send the browser
     * back here. Whether Salesforce honours that parameter is not documented, so the logout itself never depends on
     * coming back.
     */
    endSession(req, res) {
      // Only after this app's logout: while signed in, that comes first (it revokes the token); with neither, there
      // is no logout to add this step to.
      if (!req.session.loggedOut) return res.redirect(303, req.session.login ? '/result' : '/signed-out');
      const back = `${new URL(config.callbackUrl).origin}/signed-out`;
      const url = `${browserLoginUrl(config)}/services/auth/idp/oidc/logout?${new URLSearchParams({ post_logout_redirect_uri: back })}`;
      const redirect: TranscriptEntry = {
        id: randomUUID(),
        at: now(),
        kind: 'redirect',
        leg: 'end session',
        method: 'GET',
        url,
        requestHeaders: {},
      };
      // One such leg however often it is asked for: every session stays small.
      const earlier = (req.session.loggedOut ?? []).filter((entry) => entry.leg !== 'end session');
      req.session.loggedOut = [...earlier, redirect];
      res.redirect(303, url);
    },

    /** What the logout did, leg by leg, and the org's own login to end as well. */
    signedOut(req, res) {
      // Opened while signed in (a bookmark, Back), it has no logout to show and would say "Not signed in".
      if (!req.session.loggedOut && req.session.login) return res.redirect(303, '/result');
      const legs = req.session.loggedOut ?? [];
      res.set('Cache-Control', 'no-store').render('signed-out', {
        title: legs.length > 0 ? 'Signed out' : 'Not signed in',
        legs: legs.map((entry) => entryView(entry, [])),
        sessionEnded: legs.some((entry) => entry.leg === 'end session'),
        browserLogin: browserLoginOf(req.session.loggedOutFlow),
        loginHost: browserLoginUrl(config),
      });
    },
  };
}

/**
 * Whether the ended sign-in left a login at Salesforce in this browser: yes for the redirect flows, no for the flows
 * that need none, unknown after a refresh (which keeps the flow it began with to itself) or from an older session.
 */
function browserLoginOf(flow: FlowName | undefined): 'yes' | 'no' | 'unknown' {
  if (flow === 'web-server' || flow === 'user-agent') return 'yes';
  if (flow === 'jwt' || flow === 'client-credentials' || flow === 'username-password') return 'no';
  return 'unknown';
}
