// The org's CORS allowlist (Setup → CORS): which origin URL patterns an admin may save, and which origins they cover.

/** Bounds of the emulator's own: Salesforce documents no limit on the list or on a pattern's length. */
export const MAX_CORS_ORIGINS = 100;
const MAX_PATTERN_LENGTH = 500;
/** DNS names (letters, digits, hyphens; labels of 1 to 63 characters). */
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
/**
 * Browser extensions, which Salesforce takes since API version 53 in the forms it documents: chrome-extension://
 * and 32 small letters; moz-extension:// and an 8-4-4-4-12 id of small letters and digits.
 */
const EXTENSION =
  /^(?:chrome-extension:\/\/[a-z]{32}|moz-extension:\/\/[a-z0-9]{8}(?:-[a-z0-9]{4}){3}-[a-z0-9]{12})$/;
/** scheme://[*.]host[:port] and anything after, taken apart before the URL parser normalizes what was typed. */
const PARTS = /^([a-z][a-z0-9+.-]*):\/\/(\*\.)?(\[[^\]]*\]|[^/:?#]*)(?::(\d*))?(.*)$/i;

/**
 * Why an origin URL pattern is refused, in an admin's words, or undefined when it can be saved. Salesforce's rules:
 * the HTTPS protocol (http:// only for localhost), a domain name or an IP address, an optional port, and a wildcard
 * only as the first label, in front of a second-level domain (https://*.example.com).
 */
export function corsOriginProblem(raw: string): string | undefined {
  if (raw.length > MAX_PATTERN_LENGTH) {
    return `An origin URL pattern can have at most ${MAX_PATTERN_LENGTH} characters.`;
  }
  if ([...raw].some((char) => char.charCodeAt(0) <= 0x20 || char.charCodeAt(0) === 0x7f)) {
    return `"${raw}" must not contain spaces.`;
  }
  if (/^(?:chrome|moz)-extension:/i.test(raw)) {
    return EXTENSION.test(raw)
      ? undefined
      : `"${raw}" is not a browser extension's origin in the documented form.`;
  }
  const parts = PARTS.exec(raw);
  if (!parts)
    return (
      withoutScheme(raw) ??
      `"${raw}" is not an origin: write it as https://www.example.com (a port may follow).`
    );
  const [, scheme, wildcard, host, port, rest] = parts;
  const hostName = host.toLowerCase();
  if (scheme.toLowerCase() === 'http' && hostName !== 'localhost') {
    return `"${raw}" must use https:// (http:// is only for localhost).`;
  }
  if (!['http', 'https'].includes(scheme.toLowerCase())) return `"${raw}" must use https://.`;
  if (rest !== '')
    return `"${raw}" must end after the host name and port: an origin has no path, query or #.`;
  if (raw.slice(wildcard ? scheme.length + 5 : 0).includes('*')) {
    return `"${raw}" has a * that is not in front of the domain: write https://*.example.com for its subdomains.`;
  }
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    return `"${raw}" has no valid port (a number from 1 to 65535).`;
  }
  const ip = IPV4.test(hostName) || hostName.startsWith('[');
  if (ip && !URL.canParse(`https://${hostName}`)) return `"${raw}" does not name a valid IP address.`;
  if (!ip && !HOST_NAME.test(hostName)) return `"${raw}" does not name a valid domain name.`;
  if (wildcard && (ip || !hostName.includes('.'))) {
    return `"${raw}": the * must stand in front of a second-level domain name, as in https://*.example.com.`;
  }
  return undefined;
}

/** A host (and port) typed with no scheme, as a dev server prints it: the pattern it was most likely meant to be. */
function withoutScheme(raw: string): string | undefined {
  if (raw.includes('://') || corsOriginProblem(`https://${raw}`) !== undefined) return undefined;
  return /^localhost(?::|$)/i.test(raw)
    ? `"${raw}" has no scheme: write http://${raw} (or https://${raw} if the page is served over https).`
    : `"${raw}" has no scheme: write https://${raw}.`;
}

/** One saved pattern, ready to compare: its scheme and port, its host, and whether it covers subdomains. */
interface Pattern {
  scheme: string;
  host: string;
  port: string;
  subdomains: boolean;
}

function patternOf(raw: string): Pattern | undefined {
  // A pattern read from a hand-edited state file is checked again: one Setup would refuse covers nothing.
  if (corsOriginProblem(raw) !== undefined) return undefined;
  if (EXTENSION.test(raw)) return { scheme: raw, host: '', port: '', subdomains: false };
  const subdomains = raw.includes('://*.');
  const url = new URL(subdomains ? raw.replace('://*.', '://') : raw);
  return { scheme: url.protocol, host: url.hostname, port: url.port, subdomains };
}

/**
 * Whether a request's Origin is covered by one of the patterns. An origin is scheme, host and port: a pattern
 * without a port covers the scheme's default port only, and an IP address never covers a name that resolves to it.
 * That https://*.example.com covers its subdomains and not example.com itself is the documented example read
 * strictly (unconfirmed): list example.com too to allow it.
 */
export function originAllowed(patterns: readonly string[], origin: string): boolean {
  if (EXTENSION.test(origin)) return patterns.includes(origin);
  if (!/^https?:\/\/[^/]+$/i.test(origin) || !URL.canParse(origin)) return false;
  const url = new URL(origin);
  return patterns.some((raw) => {
    const pattern = patternOf(raw);
    if (!pattern || pattern.scheme !== url.protocol || pattern.port !== url.port) return false;
    return pattern.subdomains ? url.hostname.endsWith(`.${pattern.host}`) : url.hostname === pattern.host;
  });
}
