// A browser's words for a cross-origin answer it kept from the page's script (CORS), as Chrome, Firefox and Safari
// print them in the console: read into the call's address (its query left out) and the page's origin. The address
// may hold masked secrets by now ("•••••• (17 chars)"), spaces included.
import type { PastedError } from './types.ts';

/** Each browser's sentence, with where it names the address called and the page's origin (when it does). */
const SHAPES: { shape: RegExp; url?: number; origin?: number }[] = [
  // Chrome and Edge: Access to fetch at '…' (redirected from '…') from origin '…' has been blocked by CORS policy: …
  {
    shape:
      /Access to (?:fetch|XMLHttpRequest|resource) at '([^'\n]{1,2000})'(?: \(redirected from '[^'\n]{0,2000}'\))? from origin '([^'\s]{1,300})' has been blocked by CORS policy/,
    url: 1,
    origin: 2,
  },
  // Firefox: Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at … (Reason: …)
  {
    shape:
      /disallows reading the remote resource at (https?:\/\/[^\s?#]{1,2000})(?:[?#][^\n]{0,3000}?)?\.? \(Reason: /,
    url: 1,
  },
  // Safari: "Fetch API cannot load … due to access control checks", or "Origin … is not allowed by Access-Control-Allow-Origin"
  {
    shape:
      /(?:Fetch API|XMLHttpRequest) cannot load (https?:\/\/[^\s?#]{1,2000})(?:[?#][^\n]{0,3000}?)? due to access control checks/,
    url: 1,
  },
  { shape: /Origin (\S{1,300}) is not allowed by Access-Control-Allow-Origin/, origin: 1 },
  {
    shape:
      /blocked by CORS policy|CORS header 'Access-Control-Allow-Origin' missing|No 'Access-Control-Allow-Origin' header/,
  },
];

/**
 * The browser's reason when the page asked for cookies to go with the call (fetch's credentials: 'include',
 * withCredentials) and the answer did not allow them: Chrome's, Firefox's (either quote marks) and Safari's words.
 */
const WITH_CREDENTIALS =
  /credentials mode is 'include'|in CORS header [‘']Access-Control-Allow-Credentials|Credential is not supported if the CORS header|Credentials flag is true/;
/** The page's origin as the browser's line names it (Chrome's and Safari's do, Firefox's does not). */
export function corsOriginOf(input: string): string | undefined {
  for (const { shape, origin } of SHAPES) {
    const found = origin ? shape.exec(input)?.[origin] : undefined;
    if (found) return found;
  }
  return undefined;
}

export function fromCorsBlock(input: string): PastedError | undefined {
  let url: string | undefined;
  let origin: string | undefined;
  let found = false;
  for (const { shape, url: urlAt, origin: originAt } of SHAPES) {
    const match = shape.exec(input);
    if (!match) continue;
    found = true;
    url ??= urlAt ? withoutQuery(match[urlAt]) : undefined;
    origin ??= originAt ? match[originAt] : undefined;
  }
  if (!found) return undefined;
  const credentials = WITH_CREDENTIALS.test(input) ? 'sent with credentials' : undefined;
  const described = [url, origin && `from origin ${origin}`, credentials].filter(Boolean).join(' ');
  return {
    error: 'cors_blocked',
    error_description: described || 'blocked by CORS policy',
    fromClient: true,
  };
}

/** The address without its query and fragment: a query may hold a SOQL query or, sent by mistake, a secret. */
function withoutQuery(url: string): string {
  // Firefox ends its sentence with a full stop right after the address.
  return url.split(/[?#]/)[0].replace(/\.$/, '');
}
