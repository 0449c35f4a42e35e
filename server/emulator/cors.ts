// Cross-origin calls from browsers (CORS), answered where and as Salesforce documents: discovery and keys for any
// origin; the APIs, userinfo and (with "Enable CORS for OAuth endpoints") the OAuth endpoints for allowlisted ones.
import type { Request, RequestHandler } from 'express';
import type { EmulatorContext } from './context.ts';
import { originAllowed } from './corsOrigins.ts';
import { requestHost } from './hosts.ts';

/** How a path takes a cross-origin call, and the methods its preflight allows. */
interface Rule {
  /** public: any origin; api: allowlisted origins, any other refused; oauth: allowlisted origins only. */
  kind: 'public' | 'api' | 'oauth';
  methods: string;
}

/**
 * Enabled by Salesforce for every origin, no allowlist needed. Its documentation names the keys at
 * /services/oauth2/id/keys; the discovery document's jwks_uri (and the emulator) serve them at /id/keys: both are
 * open. On the generic login host too (the documentation speaks of My Domain and sites; public documents that
 * carry no credential are taken to be open there as well, unconfirmed).
 */
const PUBLIC = new Map([
  ['/.well-known/openid-configuration', 'GET'],
  ['/.well-known/auth-configuration', 'GET'],
  ['/services/oauth2/id/keys', 'GET'],
  ['/id/keys', 'GET'],
]);
/** The APIs on the instance that Salesforce lists as supporting CORS: REST (and UI, Connect), Apex REST, Bulk. */
const APIS = ['/services/data', '/services/apexrest', '/services/async'];
const API_METHODS = 'GET, HEAD, POST, PATCH, PUT, DELETE';
/** "Enable CORS for OAuth endpoints": these, on My Domain (or a site) only, never the generic login host. */
const OAUTH = new Map([
  ['/services/oauth2/token', 'POST'],
  ['/services/oauth2/revoke', 'GET, POST'],
  ['/services/oauth2/introspect', 'POST'],
  ['/services/oauth2/authorize', 'GET, POST'],
  ['/services/oauth2/pkce/generator', 'GET, POST'],
]);
/** A header name as HTTP writes it (RFC 9110 token): anything else asked for is left out of the answer. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]{1,100}$/i;

/**
 * The request headers a preflight allows: those it asked for. Salesforce does not document its list; an answer it
 * gave to a preflight from Chrome (jsforce issue 189, 2015) held the names asked, lowercase and joined by commas:
 * read as an echo (unconfirmed beyond the REST API, and answered so on every path here). A fixed list would refuse
 * what a page's library adds (X-Requested-With, Bulk API 1.0's X-SFDC-Session, a tracing header) where Salesforce
 * answers; the allowlist, not the headers, decides who may call.
 */
function allowedHeaders(req: Request): string | undefined {
  const asked = String(req.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => HEADER_NAME.test(name));
  return asked.length > 0 ? [...new Set(asked)].join(',') : undefined;
}

function ruleFor(ctx: EmulatorContext, req: Request): Rule | undefined {
  // Express routes ignore case and a trailing slash: so does the choice of rule, or /Services/Data would slip past
  // the allowlist.
  const path = req.path.toLowerCase().replace(/(.)\/$/, '$1');
  const open = PUBLIC.get(path);
  if (open) return { kind: 'public', methods: open };
  // The allowlist is in effect on My Domain (Salesforce: "your My Domain URL and api.salesforce.com").
  if (requestHost(ctx, req).kind !== 'my-domain') return undefined;
  if (APIS.some((api) => path === api || path.startsWith(`${api}/`)))
    return { kind: 'api', methods: API_METHODS };
  if (path === '/services/oauth2/userinfo') return { kind: 'oauth', methods: 'GET, POST' };
  // That the checkbox also needs the origin in the allowlist is unconfirmed: the stricter reading.
  const oauth = ctx.state.org.corsOAuthEndpoints ? OAUTH.get(path) : undefined;
  return oauth ? { kind: 'oauth', methods: oauth } : undefined;
}

/** The origin the request was sent to, as a browser would write it in Origin. */
function ownOrigin(req: Request): string | undefined {
  const own = `${req.protocol}://${req.get('host') ?? ''}`;
  return URL.canParse(own) ? new URL(own).origin : undefined;
}

export function corsAnswers(ctx: EmulatorContext): RequestHandler {
  return (req, res, next) => {
    const rule = ruleFor(ctx, req);
    if (!rule) return next();
    // The answer's CORS headers depend on Origin, so a cache must keep answers apart by it, those to requests
    // without one too (the Fetch standard's advice for "CORS protocol and HTTP caches").
    res.vary('Origin');
    const origin = req.headers.origin;
    // No Origin (a server, curl, a top-level GET) or the emulator's own pages: CORS has nothing to say.
    if (origin === undefined || origin === ownOrigin(req)) return next();
    const allowed = rule.kind === 'public' || originAllowed(ctx.state.org.corsAllowedOrigins, origin);
    if (!allowed) {
      // Salesforce documents a 403 for an origin not in the allowlist; its body is not documented, and a browser
      // shows none to the page: empty. Elsewhere the answer goes on without CORS headers, which the browser then
      // keeps from the page (whether Salesforce refuses those with a 403 too is undocumented).
      if (rule.kind === 'api') return res.status(403).set('Cache-Control', 'no-store').end();
      return next();
    }
    // The origin itself, as Salesforce documents. No Access-Control-Allow-Credentials: tokens travel in the
    // Authorization header, never in cookies, so a credentialed request has nothing to gain (Fetch's safe choice).
    res.set('Access-Control-Allow-Origin', origin);
    if (req.method !== 'OPTIONS' || req.headers['access-control-request-method'] === undefined) return next();
    // A preflight. No Access-Control-Max-Age: undocumented, and without it a browser keeps the answer 5 seconds
    // (Fetch's default), so a change to the allowlist shows at once. Fetch takes any 2xx: 204, as no body follows.
    const headers = allowedHeaders(req);
    if (headers) res.set('Access-Control-Allow-Headers', headers);
    res.status(204).set('Access-Control-Allow-Methods', rule.methods).set('Cache-Control', 'no-store').end();
  };
}
