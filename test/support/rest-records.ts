// The /sobjects tests' set-up: a stack whose emulator keeps written records in a private folder of its own
// (EMULATOR_DATA_DIR), and a REST client with a token for it. The folder is removed after the tests.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { restClientFor, type RestTestClient } from './rest.ts';
import { startTestStack, type TestStack } from './stack.ts';

export interface RecordsStack {
  /** A test that restarts the emulator puts the new stack here, for the teardown to close. */
  stack: TestStack;
  rest: RestTestClient;
  dataDir: string;
}

/** Inside a describe: the stack and client, started before its tests and closed after. */
export function recordsStack(): RecordsStack {
  const records = { dataDir: mkdtempSync(path.join(os.tmpdir(), 'sf-rest-records-')) } as RecordsStack;
  before(async () => {
    records.stack = await startTestStack({ EMULATOR_DATA_DIR: records.dataDir });
    records.rest = await restClientFor(records.stack);
  });
  after(async () => {
    try {
      await records.stack?.close(); // undefined when the start failed
    } finally {
      rmSync(records.dataDir, { recursive: true, force: true });
    }
  });
  return records;
}
