// Drives the emulator's real login and approval pages like a browser, then exchanges the code for tokens.
import assert from './assert.ts';
import { createHash, randomBytes } from 'node:crypto';
import { TestClient } from './http.ts';
import type { TestStack } from './stack.ts';

/** What a login needs to know of a stack: started in this process, or a server process's own configuration. */
export type LoginTarget = Pick<TestStack, 'emulatorUrl' | 'config'>;

export interface LoginOptions {
  username?: string;
  password?: string;
  scope?: string;
  client?: TestClient;
  /** Approve (default) or deny on the approval page. */
  decision?: 'allow' | 'deny';
}

/** Follows /authorize -> login form -> approval (if shown) and returns the final redirect to the callback. */
export async function authorizeInBrowser(
  stack: LoginTarget,
  query: Record<string, string>,
  options: LoginOptions = {},
): Promise<URL> {
  const client = options.client ?? new TestClient();
  const params = new URLSearchParams({
    client_id: stack.config.clientId,
    redirect_uri: stack.config.callbackUrl,
    ...query,
  });
  let response = await client.get(`${stack.emulatorUrl}/services/oauth2/authorize?${params}`);
  let html = await response.text();
  if (html.includes('name="password"')) {
    response = await client.post(`${stack.emulatorUrl}/services/oauth2/authorize/login`, {
      request: hiddenValue(html, 'request'),
      username: options.username ?? stack.config.username,
      password: options.password ?? stack.config.emulator.password,
    });
    response = await followLogin(client, stack.emulatorUrl, response);
    html = response.status === 200 ? await response.text() : '';
  }
  if (html.includes('name="decision"')) {
    response = await client.post(`${stack.emulatorUrl}/services/oauth2/authorize/approve`, {
      request: hiddenValue(html, 'request'),
      decision: options.decision ?? 'allow',
    });
  }
  assert.equal(
    response.status,
    302,
    `expected a redirect to the callback, got ${response.status}: ${html.slice(0, 300)}`,
  );
  return new URL(response.headers.get('location') ?? '');
}

/** The web server flow with PKCE against the emulator, returning the token endpoint's JSON. */
export async function loginAndGetToken(
  stack: LoginTarget,
  options: LoginOptions = {},
): Promise<Record<string, string>> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const callback = await authorizeInBrowser(
    stack,
    { response_type: 'code', scope: options.scope ?? 'api refresh_token openid', code_challenge: challenge },
    options,
  );
  const code = callback.searchParams.get('code');
  assert.ok(code, `no code in ${callback}`);
  const response = await new TestClient().post(`${stack.emulatorUrl}/services/oauth2/token`, {
    grant_type: 'authorization_code',
    code,
    client_id: stack.config.clientId,
    client_secret: stack.config.clientSecret ?? '',
    redirect_uri: stack.config.callbackUrl,
    code_verifier: verifier,
  });
  const body = (await response.json()) as Record<string, string>;
  assert.equal(response.status, 200, JSON.stringify(body));
  return body;
}

type Answer = Awaited<ReturnType<TestClient['get']>>;

/**
 * Where a login (or a device code) leads: its 303 followed, to the approval page or back to the app, as a browser
 * follows it; any other answer (a refusal shown in place) as it is.
 */
export async function followLogin(client: TestClient, origin: string, answer: Answer): Promise<Answer> {
  const location = answer.status === 303 ? answer.headers.get('location') : null;
  return location ? client.get(new URL(location, origin).href) : answer;
}

export function hiddenValue(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  assert.ok(match, `no hidden field ${name}`);
  return match[1];
}

/**
 * The login page attack tests' steps, bound to the stack a describe started (given as a function: it exists only
 * once `before` ran): a browser at the login page of a fresh authorization request, and a post of its form.
 */
export function loginPageSteps(stackOf: () => TestStack) {
  /** A browser at the emulator's login page for a fresh authorization request. */
  const atLogin = async (client = new TestClient()) => {
    const stack = stackOf();
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: stack.config.clientId,
      redirect_uri: stack.config.callbackUrl,
      prompt: 'login consent',
    });
    const response = await client.get(`${stack.emulatorUrl}/services/oauth2/authorize?${query}`);
    const html = await response.text();
    return { client, response, html, request: hiddenValue(html, 'request') };
  };
  const logIn = (client: TestClient, request: string, username: string, password: string) =>
    client.post(`${stackOf().emulatorUrl}/services/oauth2/authorize/login`, { request, username, password });
  return { atLogin, logIn };
}
