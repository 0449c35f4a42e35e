// EMULATOR_PUBLIC_URL: where a browser reaches the emulator's login host when that is not the emulator's own address
// (a Codespaces port URL, a tunnel). Only what the browser opens moves there; calls from this machine stay local.
import type { Config, Mode } from './configTypes.ts';
import { callbackIsThisApp } from './configSettings.ts';
import { parseOrigin } from './configUrls.ts';
import { fail } from './configValues.ts';
import { isLoopbackHost } from './hostKinds.ts';

const NAME = 'EMULATOR_PUBLIC_URL';
const EXAMPLE =
  'the https address where a browser reaches EMULATOR_PORT, e.g. https://<name>-8443.app.github.dev';

interface Around {
  port: number;
  emulatorPort: number;
  callbackUrl: string;
}

/** An https origin that is neither the emulator's My Domain nor the playground itself; checked in org mode too. */
export function parseEmulatorPublicUrl(raw: string | undefined, around: Around): string | undefined {
  if (raw === undefined) return undefined;
  const url = parseOrigin(NAME, raw, EXAMPLE, { why: " (the emulator's pages add their own paths)" });
  const { hostname, port } = new URL(url);
  // A Content-Security-Policy source cannot name an IPv6 address, and the playground's form-action names this origin.
  if (hostname.startsWith('[')) {
    fail(
      NAME,
      `"${url}" is an IPv6 address, which a page's Content-Security-Policy cannot name: use a host name`,
    );
  }
  const samePort = (other: number) => Number(port || 443) === other && other !== 0;
  // The emulator tells its My Domain by this name and port: its login pages there would be taken for My Domain.
  if (hostname === '127.0.0.1' && samePort(around.emulatorPort)) {
    fail(
      NAME,
      `"${url}" is the emulator's My Domain, not an address of its login host: set it to ${EXAMPLE}, or remove it`,
    );
  }
  const isApp =
    new URL(around.callbackUrl).origin === url || (isLoopbackHost(hostname) && samePort(around.port));
  if (isApp) {
    fail(
      NAME,
      `"${url}" is the playground's own address (PORT or SF_CALLBACK_URL), not the emulator's: set it to ${EXAMPLE}`,
    );
  }
  return url;
}

/**
 * Set where it does nothing (org mode), or where a browser that needs it cannot reach the app (a local callback);
 * and, either way, on the host of the emulator's My Domain. Each said on its own.
 */
export function emulatorPublicWarnings(
  raw: string | undefined,
  mode: Mode,
  callbackUrl: string,
  port: number,
): string[] {
  if (raw === undefined) return [];
  if (mode === 'org') {
    return [
      `${NAME} is ignored in org mode: the browser opens SF_LOGIN_URL's pages. It counts in emulator mode and for npm run emulator.`,
    ];
  }
  const warnings: string[] = [];
  if (callbackIsThisApp(callbackUrl, port)) {
    warnings.push(
      `${NAME} is set, but SF_CALLBACK_URL is this playground's own address (https://localhost:${port}): a browser that reaches the emulator only through ${NAME} cannot come back there. Set SF_CALLBACK_URL to the address where that browser reaches PORT, followed by /oauthcallback.html.`,
    );
  }
  // Browsers keep cookies by host name, not port: a login host on 127.0.0.1 shares them with the emulator's My Domain.
  if (URL.canParse(raw) && new URL(raw).hostname === '127.0.0.1') {
    warnings.push(
      `${NAME} names 127.0.0.1, the host of the emulator's My Domain: browsers keep cookies by host, not by port, so a login at ${NAME} is one at My Domain too, where Salesforce keeps the two apart. Reach the emulator under another name (localhost, or the tunnel's own) if that matters.`,
    );
  }
  return warnings;
}

/** The login host, and where a browser reaches it when that differs. */
export type LoginHosts = Pick<Config, 'loginUrl'> & { readonly emulatorPublicUrl?: string };

/** The login host as the browser opens it: EMULATOR_PUBLIC_URL when set, else the login host itself. */
export function browserLoginUrl(config: LoginHosts): string {
  return config.emulatorPublicUrl ?? config.loginUrl;
}

/** A URL on the login host moved to where the browser reaches it (the app's own calls keep the local one). */
export function forBrowser(config: LoginHosts, url: string): string {
  const { emulatorPublicUrl, loginUrl } = config;
  if (!emulatorPublicUrl || !url.startsWith(`${loginUrl}/`)) return url;
  return `${emulatorPublicUrl}${url.slice(loginUrl.length)}`;
}
