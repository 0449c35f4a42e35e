// The settings of the flows themselves, each checked at start-up: the secret, the callback URL, scopes and version.
import { checkNoQuotes } from './configVariables.ts';
import { parseUrl } from './configUrls.ts';
import type { Mode } from './configTypes.ts';
import { fail } from './configValues.ts';
import { callbackUrlProblem } from './emulator/callbackUrls.ts';

/** Where the playground receives the redirect flows' callbacks (routes/index.ts). */
export const CALLBACK_PATH = '/oauthcallback.html';

/** Names of this machine the app answers on (it listens on IPv4). */
const LOOPBACK: readonly string[] = ['localhost', '127.0.0.1'];

/** Whether a callback URL names this app itself: one of this machine's names, at its port (0: any, as in tests). */
export function callbackIsThisApp(url: string, port: number): boolean {
  const { hostname, port: callbackPort, protocol } = new URL(url);
  const samePort = (callbackPort || (protocol === 'https:' ? '443' : '80')) === String(port) || port === 0;
  return LOOPBACK.includes(hostname) && samePort;
}

/** Another host than this machine's: a proxy or tunnel in front of the app. */
export function callbackIsElsewhere(url: string): boolean {
  return !LOOPBACK.includes(new URL(url).hostname);
}

/**
 * A Consumer Secret is one word: a space or tab copied with it makes every secret check fail as "wrong". Empty
 * means no secret (a public client); spaces alone are a mistake, not that choice.
 */
export function parseClientSecret(raw: string): string | undefined {
  if (raw === '') return undefined;
  checkNoQuotes('SF_CLIENT_SECRET', raw);
  if (/\s/.test(raw)) {
    fail(
      'SF_CLIENT_SECRET',
      'contains whitespace: copy the Consumer Secret again without spaces or line breaks',
    );
  }
  return raw;
}

/**
 * An https URL that Salesforce (and the emulator's own check) would register: no #fragment, user or odd host. When
 * the playground itself is the client (`forApp`), it must also end at the one page that receives callbacks.
 */
export function parseCallbackUrl(raw: string, port: number, forApp: boolean): string {
  const example = `the callback URL registered on your app, e.g. https://localhost:${port}/oauthcallback.html`;
  const url = parseUrl('SF_CALLBACK_URL', raw, example);
  const problem = callbackUrlProblem(url);
  if (problem) fail('SF_CALLBACK_URL', `is refused: ${problem} Set it to ${example}`);
  // The playground receives callbacks at this one path; another would come back to a page that does not exist.
  // Express routes match with or without a trailing slash, and in any case, so all of these reach the page.
  if (forApp && new URL(url).pathname.replace(/\/$/, '').toLowerCase() !== CALLBACK_PATH) {
    fail(
      'SF_CALLBACK_URL',
      `${url} is not a page of the playground, which receives callbacks at ${CALLBACK_PATH}: set it to https://localhost:${port}${CALLBACK_PATH} and register exactly that on the app`,
    );
  }
  return url;
}

/**
 * A callback on another host or port than the playground's own is right only behind a proxy or tunnel: said at
 * start-up, before a login at Salesforce ends on a page that cannot be reached.
 */
export function callbackWarning(url: string, port: number, mode: Mode): string | undefined {
  if (callbackIsThisApp(url, port)) return undefined;
  // A proxy on another port of this machine shares the browser's cookies with the app (cookies ignore ports): the
  // access link stays on the app's own address there (access.ts), and only a tunnel's is printed on the tunnel.
  // Emulator mode has no access link: start-up prints the tunnel's address to open, and the emulator's own pages
  // open at https://localhost:<EMULATOR_PORT> unless EMULATOR_PUBLIC_URL names the tunnel's address for that port.
  const browse = !callbackIsElsewhere(url)
    ? "either address then works, as a browser's cookies ignore the port; from another machine (an SSH forward) only the proxy's, printed too"
    : mode === 'org'
      ? 'then browse through it: the access link is printed on its address'
      : "then browse through it: start-up prints that address to open; the emulator's pages open at their own address, so forward EMULATOR_PORT under the same number, or set EMULATOR_PUBLIC_URL to the address it has there";
  return `SF_CALLBACK_URL ${url} is not this playground's own address (https://localhost:${port}): Salesforce will send the browser there after the login, which is right only behind a proxy or tunnel to this port (${browse}). Otherwise set it to https://localhost:${port}${CALLBACK_PATH} and register that on the app.`;
}

/** OAuth separates scopes with spaces; commas make one unknown scope, which Salesforce refuses (invalid_scope). */
export function parseScopes(raw: string | undefined): string {
  if (raw?.includes(','))
    fail('SF_SCOPES', `"${raw}" separates scopes with commas: use spaces, e.g. api refresh_token openid`);
  if (raw && /[A-Z]/.test(raw))
    fail(
      'SF_SCOPES',
      `"${raw}" has capital letters: Salesforce's scope names are lower case, e.g. api refresh_token openid`,
    );
  // Salesforce's scope names are words of letters, digits and underscores: another character (| ; + from a copied
  // URL) is a separator the authorize request would send as part of one unknown scope.
  const odd = raw?.split(/\s+/).find((scope) => /[^a-z0-9_]/.test(scope));
  if (odd)
    fail(
      'SF_SCOPES',
      `"${raw}" has "${/[^a-z0-9_]/.exec(odd)?.[0]}" in ${odd}: scope names are letters, digits and underscores, separated by spaces, e.g. api refresh_token openid`,
    );
  // Sent as one space-separated string (the device flow's scope): a tab, a line break or a no-break space copied from
  // a page would be part of one unknown scope there, though the checks above read it as a separator.
  return raw?.trim().split(/\s+/).join(' ') ?? 'api refresh_token openid';
}

/** Without api (or full), a token the REST API refuses (salesforce-wire.md: "not valid for use with the REST API"). */
export function scopesWarning(raw: string | undefined): string | undefined {
  const scopes = raw?.split(/\s+/) ?? [];
  if (raw === undefined || scopes.includes('api') || scopes.includes('full')) return undefined;
  return `SF_SCOPES asks for neither api nor full: the redirect and device flows' tokens will not be valid for the REST API, so the result page's query is refused (INVALID_SESSION_ID). Add api, e.g. api refresh_token openid.`;
}

/** A username without @ is allowed (an org may have one), but most likely not what Setup → Users shows. */
export const usernameWarning = (username: string): string | undefined =>
  username.includes('@')
    ? undefined
    : `SF_USERNAME "${username}" has no @: Salesforce usernames look like email addresses (me@acme.com), as Setup → Users shows them.`;

/** SF_USERNAME as Salesforce and the emulator can use it. */
export function checkUsername(mode: Mode, username: string): void {
  checkNoQuotes('SF_USERNAME', username);
  // A space copied with it matches no user: the JWT bearer flow would answer "user hasn't approved this consumer".
  if (/\s/.test(username)) {
    fail('SF_USERNAME', 'contains whitespace: set it to the username alone, as Setup → Users shows it');
  }
  // The emulator names its System Administrator SF_USERNAME, beside standard@ and inactive@ of the same domain.
  if (mode === 'emulator' && /^(standard|inactive)@/i.test(username)) {
    fail(
      'SF_USERNAME',
      `"${username}" is the name of another of the emulator's demo users: in emulator mode SF_USERNAME renames the System Administrator (the JWT flow's user), and two users would share one name. Remove it, or choose another name; the other users sign in on the emulator's login page`,
    );
  }
}

/** The consumer key as copied from the app: no whitespace, and no longer than any key (a file pasted in). */
export function checkClientId(clientId: string): void {
  checkNoQuotes('SF_CLIENT_ID', clientId);
  if (/\s/.test(clientId)) {
    fail('SF_CLIENT_ID', 'contains whitespace: copy the Consumer Key again without spaces or line breaks');
  }
  // Consumer keys are under 100 characters; a value far past that would end in a 431 at the first login.
  if (clientId.length > 255)
    fail('SF_CLIENT_ID', `is ${clientId.length} characters long: copy the Consumer Key again`);
  // A consumer secret where the key belongs would be shown on every page and sent in every authorize URL, as a key is.
  // The shapes (64 hexadecimal digits, 19 digits in older apps; keys starting 3MVG) are what apps commonly show, not
  // documented rules: the message says so. (Said without the value: it is a secret.)
  if (/^(?:[\dA-F]{64}|\d{19})$/i.test(clientId))
    fail(
      'SF_CLIENT_ID',
      `has the shape Consumer Secrets commonly have (${clientId.length} ${clientId.length === 19 ? 'digits' : 'hexadecimal digits'}), not that of a Consumer Key (commonly starting 3MVG): are SF_CLIENT_ID and SF_CLIENT_SECRET swapped? Copy the Consumer Key into SF_CLIENT_ID`,
    );
}
