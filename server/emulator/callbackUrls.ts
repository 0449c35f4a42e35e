// Which callback URLs the app's settings accept, and the origins the login and approval forms may post to.

/** http:// is for local development only, as Salesforce allows it for localhost. */
const LOCAL_HTTP_HOSTS = ['localhost', '127.0.0.1'];
/** DNS names and IPv4 addresses: the characters a CSP host-source can carry, so no saved URL can break the header. */
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
/** Bounds that keep the Content-Security-Policy header small; Salesforce's own limits are not documented. */
export const MAX_CALLBACK_URLS = 20;
export const MAX_CALLBACK_URL_LENGTH = 2000;

/**
 * Why a callback URL is refused, in words an admin would use, or undefined when it is acceptable: a well-formed
 * https:// URL, or http://localhost / http://127.0.0.1. Salesforce also accepts custom schemes (myapp://) for mobile
 * apps; the playground has none, so the emulator's setup keeps to web URLs.
 */
export function callbackUrlProblem(raw: string): string | undefined {
  if (raw.length > MAX_CALLBACK_URL_LENGTH) {
    return `A callback URL can have at most ${MAX_CALLBACK_URL_LENGTH} characters.`;
  }
  // The URL parser silently drops tabs and line breaks and trims spaces: refuse them rather than store a surprise.
  if (hasControlOrSpace(raw) || !URL.canParse(raw)) return `"${raw}" is not a URL.`;
  const url = new URL(raw);
  if (url.protocol === 'http:' && !LOCAL_HTTP_HOSTS.includes(url.hostname)) {
    return `"${raw}" must use https:// (http:// is only for localhost and 127.0.0.1).`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `"${raw}" must be an https:// URL.`;
  // A CSP host-source (the login page's form-action lists the callbacks' origins) cannot carry an IPv6 address;
  // whether Salesforce takes one is not documented. The playground listens on 127.0.0.1 either way.
  if (url.hostname.startsWith('[')) {
    return `"${raw}" names an IPv6 address, which the playground does not take: use localhost or 127.0.0.1 (or a DNS name).`;
  }
  if (!HOST_NAME.test(url.hostname)) return `"${raw}" does not name a valid host.`;
  if (url.username || url.password) return `"${raw}" must not contain a user name or password.`;
  // RFC 6749 §3.1.2: a redirection endpoint has no fragment (the user-agent flow puts its tokens there).
  if (raw.includes('#')) return `"${raw}" must not contain a #fragment.`;
  return undefined;
}

const hasControlOrSpace = (text: string): boolean =>
  [...text].some((char) => char.charCodeAt(0) <= 0x20 || char.charCodeAt(0) === 0x7f);

export const isAcceptableCallbackUrl = (raw: unknown): raw is string =>
  typeof raw === 'string' && callbackUrlProblem(raw) === undefined;

/** The distinct origins of the acceptable callback URLs: the only values that reach the CSP form-action. */
export function callbackOrigins(urls: readonly string[]): string[] {
  return [...new Set(urls.filter(isAcceptableCallbackUrl).map((url) => new URL(url).origin))];
}
