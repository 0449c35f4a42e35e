// Starts the playground (and, in emulator mode, the local Salesforce) over HTTPS: used by index.ts and tests.
import { readFileSync } from 'node:fs';
import { accessLink, accessToken } from './access.ts';
import { createApp } from './app.ts';
import {
  checkDataDir,
  claimDataDir,
  ConfigError,
  loadConfig,
  withListeningPorts,
  withoutPassword,
  type Config,
} from './config.ts';
import { createSessionStore, type SessionLimits, type SessionStore } from './sessionStore.ts';
import { redisFailure } from './sessionStoreErrors.ts';
import { ensureCertificates, type CertificateFiles } from './certs.ts';
import type { Emulator } from './emulator/app.ts';
import { listenOn, type ListeningServer } from './https.ts';
import { EMULATOR_MAX_HEADER_SIZE, EMULATOR_MAX_HEADERS_COUNT } from './emulator/requestSize.ts';
import { serveEmulator } from './stackEmulator.ts';

export interface StackOptions {
  env?: Record<string, string | undefined>;
  rootDir?: string;
  /** Start only the emulator (npm run emulator). */
  emulatorOnly?: boolean;
  /** `npm run dev` (or NODE_ENV=development): templates are read afresh on every request, not compiled once. */
  development?: boolean;
  /** Fixed clock for the app and the emulator (ms since epoch); tests inject it. */
  now?: () => number;
  /** Shorter timeouts for calls to Salesforce (tests of a slow server). */
  httpTimeoutMs?: number;
  /** Org mode: trust this CA too (tests that play a real org with a second, emulator-only stack). */
  extraCa?: string;
  /** Smaller session budgets (tests of a session flood). */
  sessionLimits?: SessionLimits;
  /** How long the emulator's state changes gather before one write (tests lengthen it). */
  emulatorWriteDelayMs?: number;
  /** The emulator's id_token signing key for a fresh state (tests share one instead of making one per stack). */
  emulatorSigningKeyPem?: string;
}

export interface Stack {
  readonly config: Config;
  readonly certs: CertificateFiles;
  readonly app?: ListeningServer;
  readonly emulatorServer?: ListeningServer;
  readonly emulator?: Emulator;
  /** Org mode: the link that lets the owner in (printed at start). */
  readonly accessUrl?: string;
  close(): Promise<void>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const env = options.env ?? process.env;
  const rootDir = options.rootDir ?? process.cwd();
  // Every configuration mistake is named before anything listens or is generated. The emulator alone (no app) takes
  // an org-mode .env as emulator mode would, with its SF_CLIENT_ID, secret and user when it gives them.
  const configured = options.emulatorOnly
    ? loadConfig({ ...env, SF_LOGIN_URL: undefined }, rootDir, { emulatorOnly: true })
    : loadConfig(env, rootDir);
  const wantEmulator = options.emulatorOnly || configured.mode === 'emulator';
  const viewCache = !(options.development ?? env.NODE_ENV === 'development');
  if (wantEmulator) checkDataDir(configured.emulator.dataDir);
  const certs = await ensureCertificates(configured.certsDir, configured.jwtKeyFile);
  const tls = {
    key: readFileSync(certs.server.keyFile, 'utf8'),
    cert: readFileSync(certs.server.certFile, 'utf8'),
  };
  const releaseDataDir = wantEmulator ? claimDataDir(configured.emulator.dataDir) : () => undefined;
  const started: ListeningServer[] = [];
  const closers: (() => Promise<void>)[] = [];
  try {
    const emulatorServer = wantEmulator
      ? await listenOn('EMULATOR_PORT', {
          ...tls,
          port: configured.emulatorPort,
          maxHeaderSize: EMULATOR_MAX_HEADER_SIZE,
          maxHeadersCount: EMULATOR_MAX_HEADERS_COUNT,
        })
      : undefined;
    if (emulatorServer) started.push(emulatorServer);
    const app = options.emulatorOnly
      ? undefined
      : await listenOn('PORT', { ...tls, port: configured.port, redirectHttp: true });
    if (app) started.push(app);
    // Port 0 means "any free port": the URLs built on it now get the ports actually opened.
    const config = withListeningPorts(configured, {
      port: app?.port ?? configured.port,
      emulatorPort: emulatorServer?.port ?? configured.emulatorPort,
    });
    const emulator = emulatorServer
      ? serveEmulator(emulatorServer, config, certs, {
          appUrl: app?.url,
          now: options.now,
          stateWriteDelayMs: options.emulatorWriteDelayMs,
          signingKeyPem: options.emulatorSigningKeyPem,
          viewCache,
        })
      : undefined;
    const access = app && config.mode === 'org' ? accessToken(config.sessionSecret) : undefined;
    if (app) {
      const sessions = await openSessionStore(config, options.sessionLimits);
      closers.push(sessions.close);
      const appOptions = {
        now: options.now,
        httpTimeoutMs: options.httpTimeoutMs,
        extraCa: options.extraCa,
        sessionStore: sessions.store,
        accessToken: access,
        // Emulator mode: the playground arms the local org's faults through this (it never imports the emulator).
        orgControl: emulator?.orgControl,
        viewCache,
      };
      app.server.on('request', createApp(config, appOptions));
    }
    // The emulator's pending writes do not wait on the session store (a silent Redis waits out its deadline).
    const close = async () => {
      await Promise.all(started.map((s) => s.close()));
      await Promise.all([...closers.map((closeOne) => closeOne()), emulator?.close()]).finally(
        releaseDataDir,
      );
    };
    const accessUrl = app && access ? accessLink(app.url, config.callbackUrl, access) : undefined;
    return { config, certs, app, emulatorServer, emulator, accessUrl, close };
  } catch (error) {
    await Promise.all(started.map((s) => s.close()));
    await Promise.all(closers.map((closeOne) => closeOne()));
    releaseDataDir();
    throw error;
  }
}

/** Redis when REDIS_URL is set: a Redis that cannot be reached stops start-up with the variable named. */
async function openSessionStore(config: Config, limits?: SessionLimits): Promise<SessionStore> {
  try {
    return await createSessionStore(config.redisUrl, limits);
  } catch (error) {
    throw new ConfigError(redisFailure(`REDIS_URL ${withoutPassword(config.redisUrl ?? '')}`, error));
  }
}
