// Which hosts a configuration calls: the org's My Domain, the audience of JWT assertions, and the URLs derived
// from ports that are only known once the servers listen (port 0 in tests).
import type { Config, Mode } from './configTypes.ts';
import { parseOrigin, parseUrl } from './configUrls.ts';
import { fail } from './configValues.ts';
import { hostKind, isSandboxHost, sameOrigin } from './hostKinds.ts';

/** Emulator mode: its second origin. A real org: SF_MY_DOMAIN, or the login host when it is a My Domain. */
export function myDomainOf(
  mode: Mode,
  loginUrl: string,
  emulatorPort: number,
  setting: string | undefined,
): string | undefined {
  if (mode === 'emulator') return `https://127.0.0.1:${emulatorPort}`;
  if (setting) {
    // A My Domain is a host: the REST API and identity paths are added to it.
    const url = parseOrigin('SF_MY_DOMAIN', setting, MY_DOMAIN_EXAMPLE);
    const kind = hostKind(url);
    if (kind === 'login' || kind === 'test') {
      // Salesforce refuses client credentials there; simple-salesforce refuses them too before sending.
      fail(
        'SF_MY_DOMAIN',
        `"${url}" is the generic ${kind} host, not a My Domain: client credentials work only on your org's own domain, ${MY_DOMAIN_EXAMPLE} (Setup → My Domain shows it), or remove SF_MY_DOMAIN`,
      );
    }
    return url;
  }
  return isMyDomain(loginUrl) ? loginUrl : undefined;
}

const MY_DOMAIN_EXAMPLE = 'https://<your domain>.my.salesforce.com';

/** An SF_MY_DOMAIN that starts but is unlikely to be one: an instance host or a site. */
export function myDomainWarning(
  setting: string | undefined,
  myDomainUrl: string | undefined,
  mode: Mode = 'org',
  loginUrl?: string,
): string | undefined {
  if (!setting || !myDomainUrl) return undefined;
  // The emulator's My Domain is its own second origin: a value meant for a real org must not look as if it counted.
  // Its own value (copied from the README for org mode) is no mistake.
  const same = sameOrigin(setting, myDomainUrl);
  if (mode === 'emulator' && !same) {
    return `SF_MY_DOMAIN is ignored in emulator mode: the emulator's My Domain is ${myDomainUrl}. It counts with SF_LOGIN_URL (org mode).`;
  }
  const kind = hostKind(myDomainUrl);
  if (kind === 'My Domain') return loginUrl ? orgTypeMixWarning(loginUrl, myDomainUrl) : undefined;
  if (kind !== 'instance' && kind !== 'Experience Cloud site') return undefined;
  return `SF_MY_DOMAIN ${myDomainUrl} is an ${kind} host, not a My Domain: Salesforce accepts client credentials only on ${MY_DOMAIN_EXAMPLE} (Setup → My Domain shows yours).`;
}

/**
 * A sandbox's My Domain beside production's login host, or the reverse: two orgs. The redirect flows and JWT bearer
 * would log in at one and client credentials at the other (a sandbox's users are unknown at login.salesforce.com).
 */
function orgTypeMixWarning(loginUrl: string, myDomainUrl: string): string | undefined {
  const [login, domain] = [orgType(loginUrl), orgType(myDomainUrl)];
  if (!login || !domain || login === domain) return undefined;
  const of = (type: string) => (type === 'sandbox' ? "a sandbox's" : "a production org's");
  return `SF_MY_DOMAIN ${myDomainUrl} is ${of(domain)}, but SF_LOGIN_URL ${loginUrl} is ${of(login)} login host: the two name different orgs. Fix: point both at one org: a sandbox logs in at https://test.salesforce.com or its My Domain (…--<sandbox>.sandbox.my.salesforce.com), a production org at https://login.salesforce.com or its My Domain.`;
}

// The org type the wire reference (§1.1) gives a login host; one on this machine (a tunnel to either), or with a word
// of its own before .my.salesforce.com (acme.scratch…, acme.develop…), it does not give: not judged.
function orgType(url: string): 'production' | 'sandbox' | undefined {
  if (!['login', 'test', 'My Domain'].includes(hostKind(url))) return undefined;
  if (isSandboxHost(url)) return 'sandbox';
  return /^(login|[^.]+\.my)\.salesforce\.com$/.test(new URL(url).hostname) ? 'production' : undefined;
}

/**
 * An SF_AUDIENCE Salesforce would refuse although it parses (wire reference §JWT, aud): a My Domain, a path on a
 * host that is no site (a pasted token endpoint), or the other org type's login host.
 */
export function audienceWarning(
  setting: string | undefined,
  loginUrl: string,
  mode: Mode = 'org',
): string | undefined {
  if (!setting) return undefined;
  const fix = 'remove SF_AUDIENCE to use the derived one';
  const kind = hostKind(setting);
  if (kind === 'My Domain') {
    return `SF_AUDIENCE ${setting} is a My Domain: Salesforce checks a JWT's aud against the login host even when the token request goes to My Domain, and answers "audience is invalid". Fix: ${fix}, or set https://login.salesforce.com (sandboxes https://test.salesforce.com).`;
  }
  const { pathname } = new URL(setting);
  // Only Salesforce's own non-site hosts are known to take no path: a site on a custom domain has one.
  const siteless = ['login', 'test', 'instance', 'local emulator'].includes(kind);
  if (pathname.replace(/\/+$/, '') !== '' && siteless) {
    return `SF_AUDIENCE ${setting} has a path: an audience is a login host, or an Experience Cloud site's URL, and Salesforce answers "audience is invalid" to anything else. Fix: ${fix}.`;
  }
  const wanted = isSandboxHost(loginUrl) ? 'test' : 'login';
  if ((kind === 'login' || kind === 'test') && kind !== wanted) {
    // The local emulator is a production org: it refuses the sandbox host as aud, as such an org does. An org on
    // this machine in org mode is most often the emulator too (npm run emulator), but could be a tunnel to a sandbox.
    const org =
      mode === 'emulator'
        ? `the local emulator (${loginUrl}) is a production org`
        : hostKind(loginUrl) === 'local emulator'
          ? `SF_LOGIN_URL ${loginUrl} is on this machine, and the local emulator there is a production org`
          : `SF_LOGIN_URL ${loginUrl} is ${wanted === 'test' ? 'a sandbox' : 'not a sandbox'}`;
    return `SF_AUDIENCE ${setting} is the ${kind} host, but ${org}, whose assertions need https://${wanted}.salesforce.com. Fix: ${fix}.`;
  }
  return undefined;
}

/** SF_AUDIENCE when set, else what the login host implies. */
export function audienceOf(mode: Mode, loginUrl: string, setting: string | undefined): string {
  return setting
    ? parseUrl('SF_AUDIENCE', setting, 'https://login.salesforce.com or https://test.salesforce.com')
    : deriveAudience(mode, loginUrl);
}

/**
 * With port 0 ("any free port", as tests use), the URLs derived from a port say :0 until the servers listen: they
 * get the ports actually opened (the callback the app's, the emulator's hosts the emulator's).
 */
export function withListeningPorts(config: Config, ports: { port: number; emulatorPort: number }): Config {
  const fix = (url: string, port: number) => {
    const parsed = new URL(url);
    if (parsed.port !== '0') return url;
    parsed.port = String(port);
    return parsed.href.replace(/\/$/, url.endsWith('/') ? '/' : '');
  };
  const emulatorUrl = (url: string | undefined) => url && fix(url, ports.emulatorPort);
  return Object.freeze({
    ...config,
    ...ports,
    loginUrl: fix(config.loginUrl, ports.emulatorPort),
    myDomainUrl: emulatorUrl(config.myDomainUrl),
    audience: fix(config.audience, ports.emulatorPort),
    callbackUrl: fix(config.callbackUrl, ports.port),
  });
}

/** *.my.salesforce.com (sandboxes: *.sandbox.my.salesforce.com) and the government cloud's *.my.salesforce.mil. */
function isMyDomain(url: string): boolean {
  return hostKind(url) === 'My Domain';
}

/** Sandboxes validate `aud` against test.salesforce.com, sites against their URL, the rest against login.salesforce.com. */
export function deriveAudience(mode: Mode, loginUrl: string): string {
  if (mode === 'emulator') return loginUrl;
  // An Experience Cloud site's own URL, its path included, is the audience of its users' assertions.
  if (hostKind(loginUrl) === 'Experience Cloud site') return loginUrl;
  return isSandboxHost(loginUrl) ? 'https://test.salesforce.com' : 'https://login.salesforce.com';
}
