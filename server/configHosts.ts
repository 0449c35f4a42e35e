// Which hosts a configuration calls: the org's My Domain, the audience of JWT assertions, and the URLs derived
// from ports that are only known once the servers listen (port 0 in tests).
import type { Config, Mode } from './configTypes.ts';
import { parseOrigin, parseUrl } from './configValues.ts';
import { hostKind, isSandboxHost } from './hostKinds.ts';

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
    return parseOrigin('SF_MY_DOMAIN', setting, 'https://<your domain>.my.salesforce.com');
  }
  return isMyDomain(loginUrl) ? loginUrl : undefined;
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
export function isMyDomain(url: string): boolean {
  return /\.my\.salesforce\.(com|mil)$/.test(new URL(url).hostname);
}

/** Sandboxes validate `aud` against test.salesforce.com, sites against their URL, the rest against login.salesforce.com. */
export function deriveAudience(mode: Mode, loginUrl: string): string {
  if (mode === 'emulator') return loginUrl;
  // An Experience Cloud site's own URL, its path included, is the audience of its users' assertions.
  if (hostKind(loginUrl) === 'Experience Cloud site') return loginUrl;
  return isSandboxHost(loginUrl) ? 'https://test.salesforce.com' : 'https://login.salesforce.com';
}
