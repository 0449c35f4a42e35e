// Starts the real app and emulator over HTTPS on free ports for a test, with throwaway state.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStack, type Stack, type StackOptions } from '../../server/stack.ts';

/** Keys are slow to make: every test process shares one generated set under the OS temp folder. */
export const TEST_ROOT = path.join(os.tmpdir(), 'sf-oauth-playground-test-root');

/** One emulator signing key per test process: each fresh emulator state would otherwise make its own. */
let signingKeyPem: string | undefined;
function sharedSigningKey(): string {
  signingKeyPem ??= generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  return signingKeyPem;
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
    'now' | 'httpTimeoutMs' | 'sessionLimits' | 'extraCa' | 'emulatorOnly' | 'emulatorWriteDelayMs'
  > = {},
): Promise<TestStack> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sf-emulator-data-'));
  const stack = await startStack({
    env: {
      PORT: '0',
      EMULATOR_PORT: '0',
      SESSION_SECRET: 'test-session-secret',
      EMULATOR_DATA_DIR: dataDir,
      ...env,
    },
    rootDir: TEST_ROOT,
    emulatorSigningKeyPem: sharedSigningKey(),
    ...options,
  });
  return {
    ...stack,
    appUrl: stack.app?.url ?? '',
    emulatorUrl: stack.emulatorServer?.url ?? '',
    instanceUrl: stack.emulator?.context.myDomainUrl ?? '',
    close: async () => {
      await stack.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
