// Reads the environment once into a frozen, typed Config. Every problem names the variable and says how to fix it.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { hostKind, loginHostWarning } from './hostKinds.ts';

export type Mode = 'emulator' | 'org';

export interface EmulatorSettings {
  /** Password of the emulator's System Administrator demo user. */
  readonly password: string;
  /** Folder where the emulator keeps its state (approvals, tokens, app settings). */
  readonly dataDir: string;
  /** Access-token lifetime, like an org's session timeout. */
  readonly sessionMinutes: number;
}

export interface Config {
  readonly mode: Mode;
  readonly port: number;
  readonly emulatorPort: number;
  /** Login host, no trailing slash: the emulator's own URL in emulator mode. */
  readonly loginUrl: string;
  /**
   * The org's own host (My Domain), which the client credentials flow must call: the emulator's second origin in
   * emulator mode; SF_MY_DOMAIN, or SF_LOGIN_URL when it is a My Domain host, for a real org.
   */
  readonly myDomainUrl: string | undefined;
  readonly clientId: string;
  readonly clientSecret: string | undefined;
  readonly username: string;
  readonly callbackUrl: string;
  readonly jwtKeyFile: string;
  readonly audience: string;
  readonly apiVersion: string | undefined;
  readonly scopes: string;
  readonly sampleQuery: string;
  readonly sessionSecret: string | undefined;
  /** Sessions in Redis (shared by several processes, kept across restarts); unset keeps them in memory. */
  readonly redisUrl: string | undefined;
  readonly certsDir: string;
  readonly emulator: EmulatorSettings;
  /** Things that work but probably not as meant (a Lightning host as login URL...), printed at start. */
  readonly warnings: readonly string[];
}

/** Local defaults of emulator mode: they only ever unlock the emulator on this machine. */
export const EMULATOR_DEFAULTS = Object.freeze({
  clientId: '3MVG9LocalPlaygroundEmulatorConsumerKey',
  clientSecret: 'local-emulator-consumer-secret',
  username: 'admin@playground.local',
  password: 'playground-password',
});

export const DEFAULT_SAMPLE_QUERY = 'SELECT Id, Name FROM Account ORDER BY Name LIMIT 10';

/** A configuration mistake: its message is one line naming the variable and the fix. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

const reader =
  (env: Env) =>
  (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value;
  };

export function loadConfig(env: Env = process.env, rootDir = process.cwd()): Config {
  const read = reader(env);
  const port = parsePort('PORT', read('PORT'), 8081);
  const emulatorPort = parsePort('EMULATOR_PORT', read('EMULATOR_PORT'), 8443);
  const rawLoginUrl = read('SF_LOGIN_URL');
  const mode: Mode = rawLoginUrl ? 'org' : 'emulator';
  const loginUrl = rawLoginUrl ? parseLoginUrl(rawLoginUrl) : `https://localhost:${emulatorPort}`;

  const clientId = read('SF_CLIENT_ID') ?? requiredInOrg(mode, 'SF_CLIENT_ID', EMULATOR_DEFAULTS.clientId);
  if (/\s/.test(clientId)) {
    fail('SF_CLIENT_ID', 'contains whitespace: copy the Consumer Key again without spaces or line breaks');
  }
  const username = read('SF_USERNAME') ?? requiredInOrg(mode, 'SF_USERNAME', EMULATOR_DEFAULTS.username);
  // Set but empty means "no secret": a public client that relies on PKCE alone.
  const clientSecret =
    env.SF_CLIENT_SECRET !== undefined
      ? read('SF_CLIENT_SECRET')
      : mode === 'emulator'
        ? EMULATOR_DEFAULTS.clientSecret
        : undefined;
  const callbackUrl = parseUrl(
    'SF_CALLBACK_URL',
    read('SF_CALLBACK_URL') ?? `https://localhost:${port}/oauthcallback.html`,
    `the callback URL registered on your app, e.g. https://localhost:${port}/oauthcallback.html`,
  );

  const certsDir = path.join(rootDir, 'certs');
  const jwtKeyFile = read('SF_JWT_KEY_FILE');
  if (jwtKeyFile) checkReadable('SF_JWT_KEY_FILE', path.resolve(rootDir, jwtKeyFile));
  const myDomainSetting = read('SF_MY_DOMAIN');
  const myDomainUrl =
    mode === 'emulator'
      ? `https://127.0.0.1:${emulatorPort}`
      : myDomainSetting
        ? parseUrl('SF_MY_DOMAIN', myDomainSetting, 'https://<your domain>.my.salesforce.com').replace(
            /\/+$/,
            '',
          )
        : isMyDomain(loginUrl)
          ? loginUrl
          : undefined;
  const audienceSetting = read('SF_AUDIENCE');
  const audience = audienceSetting
    ? parseUrl('SF_AUDIENCE', audienceSetting, 'https://login.salesforce.com or https://test.salesforce.com')
    : deriveAudience(mode, loginUrl);

  const apiVersion = read('SF_API_VERSION');
  if (apiVersion && !/^\d{2,3}\.0$/.test(apiVersion)) {
    fail(
      'SF_API_VERSION',
      `"${apiVersion}" is not an API version: use a form like 66.0, or remove it to discover`,
    );
  }

  return Object.freeze({
    mode,
    port,
    emulatorPort,
    loginUrl,
    myDomainUrl,
    clientId,
    clientSecret,
    username,
    callbackUrl,
    jwtKeyFile: jwtKeyFile ? path.resolve(rootDir, jwtKeyFile) : path.join(certsDir, 'jwt.key'),
    audience,
    apiVersion,
    scopes: read('SF_SCOPES') ?? 'api refresh_token openid',
    sampleQuery: read('SF_SAMPLE_QUERY') ?? DEFAULT_SAMPLE_QUERY,
    sessionSecret: read('SESSION_SECRET'),
    redisUrl: parseRedisUrl(read('REDIS_URL')),
    certsDir,
    warnings: Object.freeze([loginHostWarning(loginUrl)].filter((w): w is string => w !== undefined)),
    emulator: Object.freeze({
      password: read('EMULATOR_PASSWORD') ?? EMULATOR_DEFAULTS.password,
      dataDir: path.resolve(rootDir, read('EMULATOR_DATA_DIR') ?? '.emulator-data'),
      sessionMinutes: parseMinutes(read('EMULATOR_SESSION_MINUTES')),
    }),
  });
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

/** Sandboxes validate `aud` against test.salesforce.com, everything else against login.salesforce.com. */
/** *.my.salesforce.com (sandboxes: *.sandbox.my.salesforce.com) and the government cloud's *.my.salesforce.mil. */
export function isMyDomain(url: string): boolean {
  return /\.my\.salesforce\.(com|mil)$/.test(new URL(url).hostname);
}

export function deriveAudience(mode: Mode, loginUrl: string): string {
  if (mode === 'emulator') return loginUrl;
  const host = new URL(loginUrl).hostname;
  const sandbox = host === 'test.salesforce.com' || host.endsWith('.sandbox.my.salesforce.com');
  return sandbox ? 'https://test.salesforce.com' : 'https://login.salesforce.com';
}

function fail(name: string, problem: string): never {
  throw new ConfigError(`${name} ${problem}.`);
}

function requiredInOrg(mode: Mode, name: string, emulatorDefault: string): string {
  if (mode === 'emulator') return emulatorDefault;
  return fail(name, 'is required when SF_LOGIN_URL is set: add it to .env (see .env.example)');
}

function parsePort(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) fail(name, `"${raw}" is not a port: use a number from 0 to 65535`);
  return port;
}

function parseUrl(name: string, raw: string, example: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(name, `"${raw}" is not a URL: set it to ${example}`);
  }
  if (url.protocol !== 'https:') fail(name, `"${raw}" must use https: set it to ${example}`);
  return raw;
}

/**
 * A login host is an origin: a pasted endpoint (…/services/oauth2/token) is refused with the fix. Experience Cloud
 * sites are the exception, as their login lives under a path prefix (https://acme.my.site.com/customers).
 */
function parseLoginUrl(raw: string): string {
  const url = parseUrl('SF_LOGIN_URL', raw, 'your org login host, e.g. https://login.salesforce.com').replace(
    /\/+$/,
    '',
  );
  const { pathname, search, hash, origin } = new URL(url);
  const hasPath = pathname !== '/' && pathname !== '';
  if (search || hash || (hasPath && hostKind(url) !== 'Experience Cloud site')) {
    fail(
      'SF_LOGIN_URL',
      `"${raw}" has a path: set it to the host only, ${origin} (the playground adds /services/oauth2/... itself)`,
    );
  }
  return url;
}

function parseRedisUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const protocol = URL.canParse(raw) ? new URL(raw).protocol : '';
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    fail(
      'REDIS_URL',
      `"${withoutPassword(raw)}" is not a Redis URL: use redis://host:6379 (or rediss:// for TLS), or remove it`,
    );
  }
  return raw;
}

/** A URL as messages may show it: the password of `scheme://user:password@host` replaced by ***. */
export function withoutPassword(url: string): string {
  return url.replace(/^([^:/?#]+:\/\/[^/?#@:]*:)[^/?#@]*@/, '$1***@');
}

function parseMinutes(raw: string | undefined): number {
  if (raw === undefined) return 120;
  const minutes = Number(raw);
  if (!Number.isInteger(minutes) || minutes < 1) {
    fail('EMULATOR_SESSION_MINUTES', `"${raw}" is not a whole number of minutes above 0`);
  }
  return minutes;
}

function checkReadable(name: string, file: string): void {
  try {
    accessSync(file, constants.R_OK);
  } catch {
    fail(name, `points to ${file}, which cannot be read: fix the path or remove it to use certs/jwt.key`);
  }
}
