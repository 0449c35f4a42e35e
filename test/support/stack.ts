// Starts the real app and emulator over HTTPS on free ports for a test, with throwaway state.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureCertificates } from '../../server/certs.ts';
import { startStack, type Stack, type StackOptions } from '../../server/stack.ts';
import { privateTempFolder } from './privateFolder.ts';

/** Keys are slow to make: every test process of this user shares one generated set under the OS temp folder. */
export const TEST_ROOT = privateTempFolder('sf-oauth-playground-test-root');

const keysInProcess = new Map<string, string>();

/**
 * A private key (PKCS#8 PEM) kept under TEST_ROOT by name. A 2048-bit key costs 100–800 ms of CPU to make, so each
 * is made once per machine rather than once per test process. Written whole or not at all: test groups run side by
 * side, and the second to finish simply replaces the file with a key just as good.
 */
export function testKeyPem(name: string): string {
  const known = keysInProcess.get(name);
  if (known) return known;
  const file = path.join(TEST_ROOT, 'keys', `${name}.pem`);
  let pem = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (!pem) {
    pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(`${file}.${process.pid}`, pem, { mode: 0o600 });
    renameSync(`${file}.${process.pid}`, file);
  }
  keysInProcess.set(name, pem);
  return pem;
}

/**
 * The test root's certificates folder, its files made first if missing: a test that reads the TLS certificate before
 * starting any stack (a stand-in org's server) would otherwise fail on a fresh machine when it runs first.
 */
export async function testCertsFolder(): Promise<string> {
  const folder = path.join(TEST_ROOT, 'certs');
  await ensureCertificates(folder);
  return folder;
}

export interface TestStack extends Stack {
  appUrl: string;
  /** The emulator's login host (https://localhost:<port>). */
  emulatorUrl: string;
  /** The emulator's My Domain (https://127.0.0.1:<port>): every token's instance_url, where REST answers. */
  instanceUrl: string;
}

export async function startTestStack(
  env: Record<string, string> = {},
  options: Pick<
    StackOptions,
    | 'now'
    | 'httpTimeoutMs'
    | 'sessionLimits'
    | 'extraCa'
    | 'emulatorOnly'
    | 'emulatorWriteDelayMs'
    | 'rootDir'
  > = {},
): Promise<TestStack> {
  // Before the folder is made: a key that cannot be had leaves nothing behind.
  const emulatorSigningKeyPem = testKeyPem('emulator-signing');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sf-emulator-data-'));
  // A start that fails (the tests of wrong configurations) leaves no folder behind either.
  const stack = await startStack({
    env: {
      PORT: '0',
      EMULATOR_PORT: '0',
      SESSION_SECRET: 'test-session-secret-of-32-characters',
      EMULATOR_DATA_DIR: dataDir,
      ...env,
    },
    rootDir: TEST_ROOT,
    emulatorSigningKeyPem,
    ...options,
  }).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    ...stack,
    appUrl: stack.app?.url ?? '',
    emulatorUrl: stack.emulatorServer?.url ?? '',
    instanceUrl: stack.emulator?.context.myDomainUrl ?? '',
    close: async () => {
      try {
        await stack.close();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
