// Reading the URL-valued variables (SF_LOGIN_URL, the hosts, REDIS_URL): https, an origin where one is meant, and
// never a password in the message that refuses one.
import { hostKind, isLoopbackHost, isPagesHost, isSandboxHost, myDomainBehind } from './hostKinds.ts';
import { fail } from './configValues.ts';

/** Messages show the value with any password masked: a configuration mistake must not print a secret. */
export function parseUrl(name: string, raw: string, example: string): string {
  const shown = withoutPassword(raw);
  // The URL parser would drop them, but every link built by joining text onto the value would keep them.
  if (raw !== raw.trim()) fail(name, `"${shown}" has spaces around it: remove them`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(name, `"${shown}" is not a URL: set it to ${example}`);
  }
  if (url.protocol !== 'https:') fail(name, `"${shown}" must use https: set it to ${example}`);
  if (url.username || url.password) {
    fail(name, `"${shown}" holds a user name or password: remove the part up to @, set it to ${example}`);
  }
  return raw;
}

/**
 * A host is an origin: a pasted endpoint (…/services/oauth2/token) is refused with the origin to use. `takesPath`
 * names the exceptions; `why` is said after the fix.
 */
export function parseOrigin(
  name: string,
  raw: string,
  example: string,
  { why = '', takesPath = () => false, alternative = () => '' }: OriginRules = {},
): string {
  const url = parseUrl(name, raw, example).replace(/\/+$/, '');
  const { pathname, search, hash, origin } = new URL(url);
  // Shown without a query or fragment, which can hold a session id (…/frontdoor.jsp?sid=…); an origin never holds a
  // user or password.
  const shown = `${origin}${pathname === '/' ? '' : pathname}${search || hash ? '?…' : ''}`;
  // Checked before the path: a Lightning page's whole address must not be "fixed" into its Lightning host.
  if (isPagesHost(url)) {
    fail(
      name,
      `"${shown}" is on a ${hostKind(url)} host, where Salesforce's pages live, which serve neither OAuth nor the API: use your My Domain, ${myDomainBehind(url)}${alternative(url)}`,
    );
  }
  const hasPath = pathname !== '/' && pathname !== '';
  if (search || hash || (hasPath && !takesPath(url))) {
    const part = hasPath && !takesPath(url) ? 'a path' : search ? 'a query' : 'a fragment';
    fail(name, `"${shown}" has ${part}: set it to the host only, ${origin}${why}`);
  }
  // As the URL parser writes it (host in lower case, no :443), so that hosts compare and links read alike.
  return `${origin}${hasPath ? pathname : ''}`;
}

interface OriginRules {
  /** Said after the fix. */
  why?: string;
  /** The hosts whose URLs keep a path. */
  takesPath?: (url: string) => boolean;
  /** Another host that works, offered with the My Domain. */
  alternative?: (url: string) => string;
}

/** Experience Cloud sites are the exception, as their login lives under a path prefix (https://acme.my.site.com/x). */
export function parseLoginUrl(raw: string): string {
  const url = parseOrigin('SF_LOGIN_URL', raw, 'your org login host, e.g. https://login.salesforce.com', {
    why: ' (the playground adds /services/oauth2/... itself)',
    takesPath: (candidate) => hostKind(candidate) === 'Experience Cloud site',
    // A sandbox's generic login host is test.salesforce.com.
    alternative: (candidate) => `, or https://${isSandboxHost(candidate) ? 'test' : 'login'}.salesforce.com`,
  });
  if (hostKind(url) === 'Experience Cloud site') checkSitePrefix(url);
  return url;
}

/**
 * SF_LOGIN_URL on this machine at the playground's own PORT names the playground, not an org: every flow would
 * then meet its own pages (a 403 or 404 web page) instead of Salesforce. Against `npm run emulator` the port
 * that belongs there is the emulator's.
 */
export function checkNotThePlayground(loginUrl: string, port: number): void {
  const url = new URL(loginUrl);
  if (!isLoopbackHost(url.hostname) || Number(url.port || 443) !== port) return;
  fail(
    'SF_LOGIN_URL',
    `"${loginUrl}" is this playground itself (PORT ${port}), not an org: set it to your org's login host, or, for this project's emulator started with npm run emulator, to https://localhost:<the emulator's EMULATOR_PORT>`,
  );
}

/** Where a site's own pages and endpoints start: never its path prefix. */
const SITE_PAGE_SEGMENTS = new Set(['s', 'services', 'login', 'secur', 'apex']);

/**
 * A site's URL is its host and at most one path prefix (https://acme.my.site.com/portal). A page of it copied from
 * the browser (…/portal/s/login/) or an endpoint would otherwise become the base of every OAuth URL and the audience.
 */
function checkSitePrefix(url: string): void {
  const { origin, pathname } = new URL(url);
  const segments = pathname.split('/').filter(Boolean);
  const prefix = segments[0] && !SITE_PAGE_SEGMENTS.has(segments[0].toLowerCase()) ? `/${segments[0]}` : '';
  if (segments.length > (prefix ? 1 : 0)) {
    fail(
      'SF_LOGIN_URL',
      `"${url}" is a page or endpoint of an Experience Cloud site: set it to the site's URL, ${origin}${prefix} (its host and path prefix; the playground adds /services/oauth2/... itself)`,
    );
  }
}

export function parseRedisUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  // A password holding /, #, ? or @ unencoded cuts the URL short: what follows the last @ is then not the host.
  const hostAfterAt = /^[a-z][a-z0-9+.-]*:\/\/.*@([^/?#@]*)/is.exec(raw)?.[1];
  if (
    hostAfterAt !== undefined &&
    (!URL.canParse(raw) || new URL(raw).host.toLowerCase() !== hostAfterAt.toLowerCase())
  ) {
    fail(
      'REDIS_URL',
      `"${withoutPassword(raw)}" does not read as user:password@${hostAfterAt}: a / # ? or @ in the password must be percent-encoded (encodeURIComponent: / is %2F, # is %23, ? is %3F, @ is %40)`,
    );
  }
  const protocol = URL.canParse(raw) ? new URL(raw).protocol : '';
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    fail(
      'REDIS_URL',
      `"${withoutPassword(raw)}" is not a Redis URL: use redis://host:6379 (or rediss:// for TLS), or remove it`,
    );
  }
  // The path names a database by its number, or nothing (database 0); the client's "Invalid pathname" says less.
  if (!/^\/?(\d+)?$/.test(new URL(raw).pathname)) {
    fail(
      'REDIS_URL',
      `"${withoutPassword(raw)}" ends in a path that is not a database number: use /0, /1… or none`,
    );
  }
  return raw;
}

/**
 * A URL as messages may show it: the password of `scheme://user:password@host` replaced by ***. The user part runs
 * to the last @, so a password holding @, #, ? or / (unencoded, as people paste them) is masked whole.
 */
export function withoutPassword(url: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/*)(.*)@(.*)$/is.exec(url);
  const userInfo = match?.[2] ?? '';
  if (!match || !userInfo.includes(':')) return url;
  return `${match[1]}${userInfo.slice(0, userInfo.indexOf(':'))}:***@${match[3]}`;
}
