// Starts the playground (and, in emulator mode, the local Salesforce) over HTTPS: used by index.ts and tests.
import { readFileSync } from 'node:fs';
import { createApp } from './app.ts';
import { EMULATOR_DEFAULTS, loadConfig, type Config } from './config.ts';
import { ensureCertificates, type CertificateFiles } from './certs.ts';
import { createEmulator, type Emulator } from './emulator/app.ts';
import { listenHttps, type ListenOptions, type ListeningServer } from './https.ts';

export interface StackOptions {
  env?: Record<string, string | undefined>;
  rootDir?: string;
  /** Start only the emulator (npm run emulator). */
  emulatorOnly?: boolean;
  /** Fixed clock for the emulator (ms since epoch); tests inject it. */
  now?: () => number;
}

export interface Stack {
  readonly config: Config;
  readonly certs: CertificateFiles;
  readonly app?: ListeningServer;
  readonly emulatorServer?: ListeningServer;
  readonly emulator?: Emulator;
  close(): Promise<void>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const env = options.env ?? process.env;
  const rootDir = options.rootDir ?? process.cwd();
  const first = loadConfig(env, rootDir);
  const certs = await ensureCertificates(first.certsDir);
  const tls = {
    key: readFileSync(certs.server.keyFile, 'utf8'),
    cert: readFileSync(certs.server.certFile, 'utf8'),
  };
  const wantEmulator = options.emulatorOnly || first.mode === 'emulator';
  const started: ListeningServer[] = [];
  try {
    const emulatorServer = wantEmulator
      ? await listenOn('EMULATOR_PORT', { ...tls, port: first.emulatorPort })
      : undefined;
    if (emulatorServer) started.push(emulatorServer);
    const app = options.emulatorOnly ? undefined : await listenOn('PORT', { ...tls, port: first.port });
    if (app) started.push(app);
    // Port 0 means "any free port": read the config again now that the real ports are known.
    const config = loadConfig(
      {
        ...env,
        PORT: String(app?.port ?? first.port),
        EMULATOR_PORT: String(emulatorServer?.port ?? first.emulatorPort),
      },
      rootDir,
    );
    let emulator: Emulator | undefined;
    if (emulatorServer) {
      emulator = createEmulator({
        baseUrl: emulatorServer.url,
        clientId: config.clientId,
        // The emulated app always has a secret; the playground may choose not to send it (a public client).
        clientSecret: config.clientSecret ?? EMULATOR_DEFAULTS.clientSecret,
        callbackUrl: config.callbackUrl,
        certificatePem: readFileSync(certs.jwt.certFile, 'utf8'),
        username: config.username,
        password: config.emulator.password,
        dataDir: config.emulator.dataDir,
        sessionMinutes: config.emulator.sessionMinutes,
        now: options.now,
      });
      emulatorServer.server.on('request', emulator.app);
    }
    if (app) app.server.on('request', createApp(config));
    const close = async () => {
      await Promise.all(started.map((s) => s.close()));
      await emulator?.close();
    };
    return { config, certs, app, emulatorServer, emulator, close };
  } catch (error) {
    await Promise.all(started.map((s) => s.close()));
    throw error;
  }
}

/** A port that cannot be opened, with the variable that chooses it. */
export class PortError extends Error {
  override name = 'PortError';
  constructor(
    readonly variable: string,
    readonly port: number,
    readonly code: string,
  ) {
    super(`Port ${port} (${variable}) cannot be opened: ${code}`);
  }
}

async function listenOn(variable: string, options: ListenOptions): Promise<ListeningServer> {
  try {
    return await listenHttps(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') throw new PortError(variable, options.port, code);
    throw error;
  }
}
