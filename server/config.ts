// Reads the environment once into a frozen, typed Config. Every problem names the variable and says how to fix it.
import path from 'node:path';
import type { Config, Mode } from './configTypes.ts';
import { checkNotThePlayground, parseLoginUrl, parseRedisUrl } from './configUrls.ts';
import {
  fail,
  parseMinutes,
  parsePath,
  parsePort,
  parseSecret,
  reader,
  requiredInOrg,
  type Env,
} from './configValues.ts';
import { checkNoSwallowedLines, checkSecretIsNoKey } from './configVariables.ts';
import { audienceOf, audienceWarning, myDomainOf, myDomainWarning } from './configHosts.ts';
import { checkSigningKey, localOrgTrustWarning, readExtraCa } from './configFiles.ts';
import {
  callbackWarning,
  checkClientId,
  checkUsername,
  parseCallbackUrl,
  parseClientSecret,
  parseScopes,
  scopesWarning,
  usernameWarning,
} from './configSettings.ts';
import { loginHostWarning } from './hostKinds.ts';
import { checkApiVersion } from './configApiVersion.ts';
import { emulatorPublicWarnings, parseEmulatorPublicUrl } from './configPublic.ts';

export { ConfigError } from './configValues.ts';
export { withoutPassword } from './configUrls.ts';
export { checkDataDir, claimDataDir } from './configDataDir.ts';
export { deriveAudience, withListeningPorts } from './configHosts.ts';
export type { Config, EmulatorSettings, Mode } from './configTypes.ts';

/** Local defaults of emulator mode: they only ever unlock the emulator on this machine. */
export const EMULATOR_DEFAULTS = Object.freeze({
  clientId: '3MVG9LocalPlaygroundEmulatorConsumerKey',
  clientSecret: 'local-emulator-consumer-secret',
  username: 'admin@playground.local',
  password: 'playground-password',
});

/** What a public client needs from the app: the start-up note and the setup doctor say it alike. */
export const PUBLIC_CLIENT_NEEDS =
  'the web server and refresh token flows need "Require Secret for Web Server Flow" and "Require Secret for Refresh Token Flow" turned off in the app, and client credentials and username-password need the secret.';

/** Org mode without SF_CLIENT_SECRET works, as a public client: said once, with what it needs from the app. */
const PUBLIC_CLIENT_NOTE = `SF_CLIENT_SECRET is not set, so the playground acts as a public client that relies on PKCE: ${PUBLIC_CLIENT_NEEDS} Set SF_CLIENT_SECRET= (empty) to say that this is meant.`;

export const DEFAULT_SAMPLE_QUERY = 'SELECT Id, Name FROM Account ORDER BY Name LIMIT 10';

/**
 * `emulatorOnly`: `npm run emulator`, where no app of this playground runs; the callback URL is then the emulated
 * app's, for whichever client uses it.
 */
export function loadConfig(
  env: Env = process.env,
  rootDir = process.cwd(),
  { emulatorOnly = false }: { emulatorOnly?: boolean } = {},
): Config {
  checkNoSwallowedLines(env);
  const read = reader(env);
  const port = parsePort('PORT', read('PORT'), 8081);
  const emulatorPort = parsePort('EMULATOR_PORT', read('EMULATOR_PORT'), 8443);
  if (port === emulatorPort && port !== 0) {
    fail('PORT', `and EMULATOR_PORT are both ${port}: give the playground and the emulator a port each`);
  }
  const rawLoginUrl = read('SF_LOGIN_URL');
  const mode: Mode = rawLoginUrl ? 'org' : 'emulator';
  const loginUrl = rawLoginUrl ? parseLoginUrl(rawLoginUrl) : `https://localhost:${emulatorPort}`;
  if (rawLoginUrl && !emulatorOnly) checkNotThePlayground(loginUrl, port);
  const clientId = read('SF_CLIENT_ID') ?? requiredInOrg(mode, 'SF_CLIENT_ID', EMULATOR_DEFAULTS.clientId);
  checkClientId(clientId);
  const username = read('SF_USERNAME') ?? requiredInOrg(mode, 'SF_USERNAME', EMULATOR_DEFAULTS.username);
  checkUsername(mode, username);
  // Set but empty means "no secret": a public client that relies on PKCE alone.
  const clientSecret =
    env.SF_CLIENT_SECRET !== undefined
      ? parseClientSecret(env.SF_CLIENT_SECRET)
      : mode === 'emulator'
        ? EMULATOR_DEFAULTS.clientSecret
        : undefined;
  checkSecretIsNoKey(clientSecret, clientId);
  const callbackUrl = parseCallbackUrl(
    read('SF_CALLBACK_URL') ?? `https://localhost:${port}/oauthcallback.html`,
    port,
    !emulatorOnly,
  );
  const certsDir = path.join(rootDir, 'certs');
  const jwtKeyFile = parsePath('SF_JWT_KEY_FILE', read('SF_JWT_KEY_FILE'));
  if (jwtKeyFile) checkSigningKey('SF_JWT_KEY_FILE', path.resolve(rootDir, jwtKeyFile));
  const myDomainUrl = myDomainOf(mode, loginUrl, emulatorPort, read('SF_MY_DOMAIN'));
  const audience = audienceOf(mode, loginUrl, read('SF_AUDIENCE'));
  const apiVersion = read('SF_API_VERSION');
  if (apiVersion) checkApiVersion(apiVersion);
  const publicUrl = parseEmulatorPublicUrl(read('EMULATOR_PUBLIC_URL'), { port, emulatorPort, callbackUrl });
  return Object.freeze({
    mode,
    port,
    emulatorPort,
    loginUrl,
    myDomainUrl,
    emulatorPublicUrl: mode === 'emulator' ? publicUrl : undefined,
    clientId,
    clientSecret,
    username,
    callbackUrl,
    callbackFromPort: read('SF_CALLBACK_URL') === undefined,
    jwtKeyFile: jwtKeyFile ? path.resolve(rootDir, jwtKeyFile) : path.join(certsDir, 'jwt.key'),
    audience,
    apiVersion,
    scopes: parseScopes(read('SF_SCOPES')),
    sampleQuery: read('SF_SAMPLE_QUERY') ?? DEFAULT_SAMPLE_QUERY,
    sessionSecret: parseSecret(read('SESSION_SECRET')),
    redisUrl: parseRedisUrl(read('REDIS_URL')),
    certsDir,
    extraCaPem: mode === 'org' ? readExtraCa(read('NODE_EXTRA_CA_CERTS'), rootDir) : undefined,
    warnings: Object.freeze(
      [
        loginHostWarning(loginUrl),
        scopesWarning(read('SF_SCOPES')),
        myDomainWarning(read('SF_MY_DOMAIN'), myDomainUrl, mode, loginUrl),
        usernameWarning(username),
        audienceWarning(read('SF_AUDIENCE'), loginUrl, mode),
        mode === 'org' && env.SF_CLIENT_SECRET === undefined ? PUBLIC_CLIENT_NOTE : undefined,
        // The emulator's app requires the secret by default, as a new app does: a public client meets that first.
        mode === 'emulator' && clientSecret === undefined
          ? `SF_CLIENT_SECRET is empty, so the playground acts as a public client: ${PUBLIC_CLIENT_NEEDS} The emulator's app requires both until you turn them off on its Setup page (https://localhost:${emulatorPort}/setup).`
          : // Alone (npm run emulator), the app that calls it is elsewhere and a wrong secret is refused there.
            mode === 'emulator' && !emulatorOnly && clientSecret !== EMULATOR_DEFAULTS.clientSecret
            ? 'SF_CLIENT_SECRET is set: the emulator\'s app takes it as its own secret, so a wrong one is never refused here. To meet invalid client credentials, use a flow\'s "break it" switch (a wrong secret), or a real org.'
            : undefined,
        emulatorOnly ? undefined : callbackWarning(callbackUrl, port, mode),
        emulatorOnly ? undefined : localOrgTrustWarning(mode, loginUrl, read('NODE_EXTRA_CA_CERTS')),
        ...(emulatorOnly ? [] : emulatorPublicWarnings(publicUrl, mode, callbackUrl, port)),
      ].filter((w): w is string => w !== undefined),
    ),
    emulator: Object.freeze({
      password: read('EMULATOR_PASSWORD') ?? EMULATOR_DEFAULTS.password,
      dataDir: path.resolve(
        rootDir,
        parsePath('EMULATOR_DATA_DIR', read('EMULATOR_DATA_DIR')) ?? '.emulator-data',
      ),
      sessionMinutes: parseMinutes(read('EMULATOR_SESSION_MINUTES')),
    }),
  });
}
