// Entry point of `npm start` / `npm run emulator`: the only place that prints start-up messages and handles signals.
import { accessOrigin, forwardOrigin } from './access.ts';
import { ConfigError, EMULATOR_DEFAULTS } from './config.ts';
import { CertificateError } from './certs.ts';
import { keyFitsCertificate } from './certChecks.ts';
import { readEnvFile } from './envFile.ts';
import { exposedKeyWarning } from './fileAccess.ts';
import { certificateCommand } from './flows/jwtKeyCheck.ts';
import { stopWhenOrphaned } from './orphanWatch.ts';
import { PortError } from './https.ts';
import { startStack, type Stack } from './stack.ts';
import { APP_MANAGER } from './teaching/explainer/types.ts';

const emulatorOnly = process.argv.includes('--emulator-only');
/** `npm run dev`: edited templates show on the next request (the view cache stays off). */
const development = process.argv.includes('--dev') || undefined;

async function main(): Promise<void> {
  // Output whose reader went away (a pipe to `head`, a closed terminal) is dropped: a write to it must never end the
  // process, least of all while a stop is saving the emulator's state.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  // Before the configuration is read: a mistake here changes what it reads. Warnings first, so that one about the
  // shell's value is seen beside a configuration error about the same variable.
  const envFile = readEnvFile('.env');
  for (const warning of envFile.warnings) console.warn(`Warning: ${warning}`);
  if (envFile.problem) {
    process.exitCode = 1;
    console.error(`Configuration error: ${envFile.problem}`);
    return;
  }
  let stack: Stack;
  try {
    stack = await startStack({ emulatorOnly, development });
  } catch (error) {
    process.exitCode = 1;
    console.error(startupProblem(error));
    return;
  }
  const shutdown = async (why: string) => {
    console.log(`\n${why}: closing connections…`);
    try {
      await stack.close();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const unsaved = /could not be saved/.test(reason);
      console.error(
        unsaved
          ? `Not saved: ${reason}. Check that EMULATOR_DATA_DIR is a folder this user can write.`
          : `Shutdown failed: ${reason}`,
      );
      process.exit(1);
    }
    process.exit(0);
  };
  // Before the welcome: whoever reads "Press Ctrl-C" may press it at once, and must get a clean close. SIGHUP is a
  // closed terminal: the same clean close, so nothing the emulator acknowledged is lost.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.once(signal, () => void shutdown(`${signal} received`));
  stopWhenOrphaned(() => void shutdown('npm, which started this server, has ended'));
  printWelcome(stack);
}

function startupProblem(error: unknown): string {
  if (error instanceof ConfigError) return `Configuration error: ${error.message}`;
  if (error instanceof CertificateError) return `Certificate error: ${error.message}`;
  if (error instanceof PortError) {
    const { port, code, variable } = error;
    if (code === 'EADDRINUSE') {
      return `Port ${port} is already in use: stop the program using it, or choose another port with ${variable}=<port> in .env.`;
    }
    // No program to stop: the system keeps low ports for administrators (Linux's default: below 1024).
    const fallback = variable === 'PORT' ? 8081 : 8443;
    return port < 1024
      ? `Port ${port} cannot be opened by this user: ports below 1024 need administrator rights. Choose another port with ${variable}=<port> in .env (the default is ${fallback}), rather than starting the playground as root.`
      : `Port ${port} cannot be opened by this user: choose another port with ${variable}=<port> in .env.`;
  }
  return `Start-up failed: ${error instanceof Error ? error.message : String(error)}`;
}

function printWelcome(stack: Stack): void {
  const { config } = stack;
  for (const file of stack.certs.created) console.log(`Created ${file}`);
  const { jwt, created } = stack.certs;
  // A real org knows only the certificate uploaded to it: a new pair fails every assertion until it is uploaded.
  if (config.mode === 'org' && created.includes(jwt.certFile) && config.jwtKeyFile === jwt.keyFile) {
    console.warn(
      `Warning: ${jwt.certFile} is new: upload it to your app (External Client App: Settings → OAuth Settings → Flow Enablement → Enable JWT Bearer Flow; Connected App: ${APP_MANAGER} → Edit → Use digital signatures) before the JWT bearer flow can work; a certificate uploaded before belongs to a key that is gone.`,
    );
  }
  for (const warning of config.warnings) console.warn(`Warning: ${warning}`);
  for (const keyFile of new Set([config.jwtKeyFile, stack.certs.server.keyFile])) {
    const exposed = exposedKeyWarning(keyFile);
    if (exposed) console.warn(`Warning: ${exposed}`);
  }
  const ownKey = ownKeyWarning(stack);
  if (ownKey) console.warn(`Warning: ${ownKey}`);
  if (!config.sessionSecret && stack.app) {
    console.warn('Warning: SESSION_SECRET is not set; using a random one, so a restart signs everyone out.');
  }
  if (stack.emulatorServer) {
    console.log(`Local Salesforce emulator (not Salesforce): ${stack.emulatorServer.url}`);
    // Its pages open there (EMULATOR_PUBLIC_URL); this machine's calls keep the address above.
    const pages = config.emulatorPublicUrl ?? stack.emulatorServer.url;
    if (config.emulatorPublicUrl) console.log(`  browsers open its pages at: ${pages}`);
    // A custom EMULATOR_PASSWORD is a secret of its owner: only the documented default is printed.
    const password =
      config.emulator.password === EMULATOR_DEFAULTS.password
        ? config.emulator.password
        : 'the password set in EMULATOR_PASSWORD';
    console.log(`  demo login: ${config.username} / ${password}`);
    console.log(`  app settings: ${pages}/setup`);
  }
  if (stack.app) {
    // A proxy or SSH forward on another port (SF_CALLBACK_URL): a browser on another machine reaches only that.
    const forward = forwardOrigin(stack.app.url, config.callbackUrl);
    const viaForward = (query = '') => {
      if (forward)
        console.log(`  from another machine, through the forward SF_CALLBACK_URL names: ${forward}/${query}`);
    };
    if (stack.accessUrl) {
      console.log(`Salesforce OAuth playground: open ${stack.accessUrl}`);
      viaForward(new URL(stack.accessUrl).search);
      console.log(
        `  talking to ${config.loginUrl}: ${forward ? 'either link lets you in; keep both' : 'this link lets you in; keep it'} to yourself.`,
      );
      // Nothing is sent to the org at start: the doctor asks it, with a leg and a fix for each answer.
      console.log('  first time with this org? Setup guide → "Check my setup" asks it before any login.');
    } else {
      // On the callback's host name (127.0.0.1 when it names that): the login's cookie must come back with it.
      console.log(`Salesforce OAuth playground: open ${accessOrigin(stack.app.url, config.callbackUrl)}`);
      viaForward();
      console.log('  talking to the local emulator');
    }
  }
  console.log('Press Ctrl-C to stop.');
}

void main();

/**
 * Emulator mode with a key of one's own (SF_JWT_KEY_FILE): the emulator's app checks assertions against the
 * certificate it holds, certs/jwt.crt unless one was pasted on its Setup page. Said at start, not at the first Run.
 */
function ownKeyWarning({ config, certs, app, emulator, emulatorServer }: Stack): string | undefined {
  if (!app || !emulator || !emulatorServer || config.jwtKeyFile === certs.jwt.keyFile) return undefined;
  if (keyFitsCertificate(config.jwtKeyFile, emulator.context.state.settings.certificatePem)) return undefined;
  return `SF_JWT_KEY_FILE ${config.jwtKeyFile} is not the key of the certificate the emulator's app holds, so the JWT bearer flow fails with invalid assertion: paste the certificate made with that key on ${emulatorServer.url}/setup (none yet? ${certificateCommand(config.jwtKeyFile, certs.jwt.certFile)} makes one), or remove SF_JWT_KEY_FILE to sign with ${certs.jwt.keyFile}.`;
}
