// The identity and token format tests' set-up: a stack, the tokens of one login (api, openid, refresh_token), and a
// client whose GET sends that access token as a bearer.
import { after, before } from 'node:test';
import type { Response } from 'node-fetch';
import { loginAndGetToken } from './emulator-login.ts';
import { TestClient } from './http.ts';
import { startTestStack, type TestStack } from './stack.ts';

export interface SignedInStack {
  stack: TestStack;
  tokens: Record<string, string>;
  client: TestClient;
  /** A GET with the login's access token, and any other headers given. */
  get(url: string, headers?: Record<string, string>): Promise<Response>;
}

/** Inside a describe: the stack and its login, made before its tests, the stack closed after. */
export function signedInStack(): SignedInStack {
  const client = new TestClient();
  const signedIn: SignedInStack = {
    stack: undefined as unknown as TestStack,
    tokens: {},
    client,
    get: (url, headers = {}) =>
      client.get(url, { authorization: `Bearer ${signedIn.tokens.access_token}`, ...headers }),
  };
  before(async () => {
    signedIn.stack = await startTestStack();
    signedIn.tokens = await loginAndGetToken(signedIn.stack, { scope: 'api openid refresh_token' });
  });
  after(() => signedIn.stack.close());
  return signedIn;
}
