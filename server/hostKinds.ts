// What kind of Salesforce host a URL names, so start-up and the setup doctor can say whether it is a login host.
export type HostKind =
  | 'login'
  | 'test'
  | 'My Domain'
  | 'Experience Cloud site'
  | 'Lightning'
  | 'Setup'
  | 'Visualforce or content'
  | 'instance'
  | 'local emulator'
  | 'other';

/** This machine's own names, as a URL's hostname writes them. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export const isLoopbackHost = (hostname: string): boolean => LOOPBACK.has(hostname);

/** Org mode against an org on this machine (npm run emulator, most often): not a real org, and the pages say so. */
export const orgOnThisMachine = (config: { mode: string; loginUrl: string }): boolean =>
  config.mode === 'org' && isLoopbackHost(new URL(config.loginUrl).hostname);

/** Whether two URLs name one origin (false for anything that is not a URL). */
export function sameOrigin(a: string, b: string): boolean {
  return URL.canParse(a) && URL.canParse(b) && new URL(a).origin === new URL(b).origin;
}

export function hostKind(url: string): HostKind {
  const { hostname } = new URL(url);
  if (hostname === 'login.salesforce.com') return 'login';
  if (hostname === 'test.salesforce.com') return 'test';
  if (hostname === 'localhost' || hostname === '127.0.0.1') return 'local emulator';
  if (/\.lightning\.force\.com$/.test(hostname)) return 'Lightning';
  if (/\.salesforce-setup\.com$/.test(hostname)) return 'Setup';
  if (/\.my\.salesforce\.(com|mil)$/.test(hostname)) return 'My Domain';
  // Checked before sites: Visualforce and file hosts end in force.com too (acme--c.vf.force.com, acme.file.force.com).
  if (CONTENT_HOST.test(hostname)) return 'Visualforce or content';
  if (/\.(my\.site\.com|force\.com)$/.test(hostname)) return 'Experience Cloud site';
  // Instance hosts such as na139.salesforce.com or cs42.salesforce.com serve an org's data, not logins.
  if (/^[a-z]{2,3}\d+[a-z]?\.salesforce\.com$/.test(hostname)) return 'instance';
  return 'other';
}

/** Visualforce, Lightning container and file hosts, enhanced (…vf.force.com) and legacy (…visualforce.com). */
const CONTENT_HOST = /\.(vf|file|container|visual)\.force\.com$|\.(visualforce|documentforce)\.com$/;

/**
 * The My Domain behind a Lightning, Setup, Visualforce or file address: Salesforce names them all after the same
 * domain (acme.lightning.force.com, acme.my.salesforce-setup.com, acme--c.vf.force.com, acme.my.salesforce.com;
 * sandboxes add --name and .sandbox).
 */
export function myDomainBehind(url: string): string {
  const { hostname } = new URL(url);
  if (hostKind(url) !== 'Visualforce or content') {
    const domain = hostname
      .replace(/\.lightning\.force\.com$/, '')
      .replace(/\.my\.salesforce-setup\.com$/, '');
    return `https://${domain}.my.salesforce.com`;
  }
  const label = hostname.split('.')[0] ?? hostname;
  // Every content host but a file host (acme.file.force.com) ends its first label with a package name:
  // acme--c.vf.force.com, acme--sbx--c.sandbox.vf.force.com.
  const packaged = !/\.file\.force\.com$/.test(hostname);
  // A packaged host names its My Domain before the last --: without one (c.na139.visual.force.com, an org that had
  // no My Domain then) there is none to name.
  if (packaged && !label.includes('--')) return 'https://<your domain>.my.salesforce.com';
  const name = packaged ? label.replace(/--[^-]+$/, '') : label;
  return `https://${name}${/\.sandbox\./.test(hostname) ? '.sandbox' : ''}.my.salesforce.com`;
}

/**
 * A sandbox's hosts: test.salesforce.com, and the My Domain, Lightning and Setup names with --name.sandbox; from
 * before enhanced domains, its instance (cs42.salesforce.com: sandbox instances were the cs ones, as the sf CLI
 * also reads them) and a My Domain with --name but no .sandbox (acme--uat.my.salesforce.com,
 * acme--uat.cs42.my.salesforce.com): production My Domain names have no "--".
 */
export function isSandboxHost(url: string): boolean {
  const { hostname } = new URL(url);
  return (
    hostname === 'test.salesforce.com' ||
    /\.sandbox\.(my\.salesforce\.com|lightning\.force\.com|my\.salesforce-setup\.com|(vf|file|container)\.force\.com)$/.test(
      hostname,
    ) ||
    /^cs\d+\.salesforce\.com$/.test(hostname) ||
    /^[^.]+--[^.]+\.(?:cs\d+\.)?my\.salesforce\.com$/.test(hostname)
  );
}

/** A Lightning, Setup, Visualforce or file address: where Salesforce's pages live, which serve neither OAuth nor the API. */
export function isPagesHost(url: string): boolean {
  const kind = hostKind(url);
  return kind === 'Lightning' || kind === 'Setup' || kind === 'Visualforce or content';
}

/**
 * Why a host is not a good login host; undefined for the hosts that are. (Lightning and Setup hosts never get here:
 * the configuration refuses them.)
 */
export function loginHostWarning(url: string): string | undefined {
  if (hostKind(url) === 'instance') {
    return `SF_LOGIN_URL ${url} is an instance host: logins there work only while the org stays on that instance. Use your My Domain or https://${isSandboxHost(url) ? 'test' : 'login'}.salesforce.com.`;
  }
  return undefined;
}
