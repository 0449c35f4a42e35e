// The emulator settings tests' set-up: a stack whose emulator keeps its state in a private folder of its own
// (EMULATOR_DATA_DIR), a client, and a JWT bearer request for a user, which answers whether the app is approved.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import type { Response } from 'node-fetch';
import { signAssertion } from './assertion.ts';
import { TestClient } from './http.ts';
import { startTestStack, type TestStack } from './stack.ts';

const GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface SettingsStack {
  /** A test that restarts the emulator puts the new stack here, for the teardown to close. */
  stack: TestStack;
  dataDir: string;
  client: TestClient;
  /** A JWT bearer token request for `username`, signed with the app's key, for login.salesforce.com. */
  jwt(username: string): Promise<Response>;
}

/** Inside a describe: the stack, started before its tests and closed after, its folder then removed. */
export function settingsStack(): SettingsStack {
  const client = new TestClient();
  const emulator: SettingsStack = {
    stack: undefined as unknown as TestStack,
    dataDir: '',
    client,
    jwt: (username) =>
      client.post(`${emulator.stack.emulatorUrl}/services/oauth2/token`, {
        grant_type: GRANT,
        assertion: signAssertion({
          iss: emulator.stack.config.clientId,
          sub: username,
          aud: 'https://login.salesforce.com',
        }),
      }),
  };
  before(async () => {
    emulator.dataDir = mkdtempSync(path.join(os.tmpdir(), 'sf-emulator-persist-'));
    emulator.stack = await startTestStack({ EMULATOR_DATA_DIR: emulator.dataDir });
  });
  after(async () => {
    try {
      await emulator.stack?.close(); // undefined when the start failed
    } finally {
      rmSync(emulator.dataDir, { recursive: true, force: true });
    }
  });
  return emulator;
}
