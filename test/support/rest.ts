// A small REST API client for tests: JSON in and out with a bearer token, over the test's trusted HTTPS agent.
import { after, before } from 'node:test';
import assert from './assert.ts';
import { loginAndGetToken, type LoginTarget } from './emulator-login.ts';
import { TestClient } from './http.ts';
import { startTestStack, type TestStack } from './stack.ts';

export interface RestResult {
  status: number;
  headers: { get(name: string): string | null };
  // Tests read whatever shape the endpoint sent: a record, a list, or Salesforce's error array.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export class RestTestClient {
  private readonly http = new TestClient();

  constructor(
    private readonly baseUrl: string,
    public token: string,
    private readonly version = '66.0',
  ) {}

  /** A path under /services/data/vXX.X, or an absolute path when it starts with /services. */
  url(path: string): string {
    return path.startsWith('/services')
      ? `${this.baseUrl}${path}`
      : `${this.baseUrl}/services/data/v${this.version}${path}`;
  }

  async send(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<RestResult> {
    const response = await this.http.request(this.url(path), {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }

  get = (path: string, headers?: Record<string, string>) => this.send('GET', path, undefined, headers);
  post = (path: string, body: unknown) => this.send('POST', path, body);
  patch = (path: string, body: unknown, headers?: Record<string, string>) =>
    this.send('PATCH', path, body, headers);
  delete = (path: string, headers?: Record<string, string>) => this.send('DELETE', path, undefined, headers);

  query(soql: string, headers?: Record<string, string>, resource = 'query'): Promise<RestResult> {
    return this.get(`/${resource}?q=${encodeURIComponent(soql)}`, headers);
  }
}

/** Asserts a response's exact status and body (for Salesforce's error arrays). */
export async function expectReply(
  pending: Promise<RestResult>,
  status: number,
  body: unknown,
): Promise<void> {
  const response = await pending;
  assert.equal(response.status, status, JSON.stringify(response.body));
  assert.deepEqual(response.body, body);
}

/** A REST client for the demo user, signed in through the emulator's login pages with the `api` scope. */
export async function restClientFor(stack: LoginTarget & { instanceUrl: string }): Promise<RestTestClient> {
  const tokens = await loginAndGetToken(stack, { scope: 'api' });
  return new RestTestClient(stack.instanceUrl, tokens.access_token);
}

/** Inside a describe: a test stack and the demo user's REST client, made before its tests, the stack closed after. */
export function restStackForTests(): { stack: TestStack; rest: RestTestClient } {
  const made = {} as { stack: TestStack; rest: RestTestClient };
  before(async () => {
    made.stack = await startTestStack();
    made.rest = await restClientFor(made.stack);
  });
  after(() => made.stack.close());
  return made;
}
