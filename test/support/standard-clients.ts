// The standard-client tests' set-up: a stack on a clock they can move, a Run As user for client credentials, and
// node's default HTTPS agent trusting the local certificate while they run (jsforce sends through it).
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { after, before } from 'node:test';
import { ADMIN_ID, changeSettings } from './emulator-api.ts';
import { startTestStack, TEST_ROOT, type TestStack } from './stack.ts';

/** Trust for the local test certificate and nothing else: TLS checks stay on. */
export const ca = () => readFileSync(path.join(TEST_ROOT, 'certs', 'server.crt'));

export interface ClientsStack {
  stack: TestStack;
  /** The emulator's time, in ms: real time at the start, moved forward by a test that waits as a client would. */
  clock: number;
}

/** Inside a describe: the stack, started before its tests and closed after, the default agent then put back. */
export function standardClientsStack(): ClientsStack {
  const clients = { clock: Date.now() } as ClientsStack;
  const defaultAgent = https.globalAgent;
  before(async () => {
    // Now, not when the file was loaded: a group loads every file first, and real clients check real time.
    clients.clock = Date.now();
    clients.stack = await startTestStack({}, { now: () => clients.clock });
    await changeSettings(clients.stack, { runAsUserId: ADMIN_ID });
    // jsforce sends through node-fetch's default agent: give it one that trusts the local certificate.
    https.globalAgent = new https.Agent({ ca: ca() });
  });
  after(async () => {
    https.globalAgent = defaultAgent;
    await clients.stack.close();
  });
  return clients;
}
