// The emulator a stack serves in emulator mode, set up from the playground's own configuration: the app, user and
// callback the playground uses are the emulated org's, so the two agree with nothing to configure twice.
import { readFileSync } from 'node:fs';
import type { CertificateFiles } from './certs.ts';
import { EMULATOR_DEFAULTS, type Config } from './config.ts';
import { createEmulator, type Emulator } from './emulator/app.ts';
import type { EmulatorOptions } from './emulator/context.ts';
import type { ListeningServer } from './https.ts';

/** What the configuration does not say: where the playground listens, and the knobs tests and `npm run dev` turn. */
type StackSettings = Pick<
  EmulatorOptions,
  'appUrl' | 'now' | 'stateWriteDelayMs' | 'signingKeyPem' | 'viewCache'
>;

/** Creates the emulator and answers the server's requests with it. */
export function serveEmulator(
  server: ListeningServer,
  config: Config,
  certs: CertificateFiles,
  settings: StackSettings,
): Emulator {
  const clientSecret = config.clientSecret ?? EMULATOR_DEFAULTS.clientSecret;
  const emulator = createEmulator({
    baseUrl: server.url,
    myDomainUrl: `https://127.0.0.1:${server.port}`, // the same server, named as config.myDomainUrl
    // Where a browser reaches the login host (EMULATOR_PUBLIC_URL), for the pages and redirects a browser follows.
    publicUrl: config.emulatorPublicUrl,
    // Its error pages link to the playground's explanation of the error.
    appUrl: settings.appUrl,
    clientId: config.clientId,
    // The emulated app always has a secret; the playground may choose not to send it (a public client).
    clientSecret,
    callbackUrl: config.callbackUrl,
    certificatePem: readFileSync(certs.jwt.certFile, 'utf8'),
    username: config.username,
    password: config.emulator.password,
    // A password or secret of one's own choosing is never shown; only the documented local defaults are.
    demoPasswordHint:
      config.emulator.password === EMULATOR_DEFAULTS.password ? config.emulator.password : undefined,
    demoSecretHint:
      clientSecret === EMULATOR_DEFAULTS.clientSecret ? EMULATOR_DEFAULTS.clientSecret : undefined,
    dataDir: config.emulator.dataDir,
    sessionMinutes: config.emulator.sessionMinutes,
    now: settings.now,
    stateWriteDelayMs: settings.stateWriteDelayMs,
    signingKeyPem: settings.signingKeyPem,
    viewCache: settings.viewCache,
  });
  server.server.on('request', emulator.app);
  return emulator;
}
