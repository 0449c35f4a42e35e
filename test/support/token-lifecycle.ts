// The token lifecycle tests' set-up: a stack with 5-minute sessions on a clock they can move, and their two calls:
// a form POST to the emulator's OAuth endpoints, and a query on the instance with a bearer token.
import { after, before } from 'node:test';
import type { Response } from 'node-fetch';
import { TestClient } from './http.ts';
import { startTestStack, type TestStack } from './stack.ts';

export interface TokenStack {
  stack: TestStack;
  /** The emulator's time, in ms: real time at the start, moved forward by a test that lets a session expire. */
  clock: number;
  client: TestClient;
  post(path: string, form: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
  query(token: string): Promise<Response>;
}

/** Inside a describe: the stack, started before its tests and closed after. */
export function tokenStack(): TokenStack {
  const client = new TestClient();
  const tokens: TokenStack = {
    stack: undefined as unknown as TestStack,
    clock: Date.now(),
    client,
    post: (path, form, headers = {}) => client.post(`${tokens.stack.emulatorUrl}${path}`, form, headers),
    query: (token) =>
      client.get(`${tokens.stack.instanceUrl}/services/data/v66.0/query?q=SELECT+Id+FROM+Account+LIMIT+1`, {
        authorization: `Bearer ${token}`,
      }),
  };
  before(async () => {
    // Now, not when the file was loaded: a group loads every file first, and real clients check real time.
    tokens.clock = Date.now();
    tokens.stack = await startTestStack({ EMULATOR_SESSION_MINUTES: '5' }, { now: () => tokens.clock });
  });
  after(() => tokens.stack.close());
  return tokens;
}
