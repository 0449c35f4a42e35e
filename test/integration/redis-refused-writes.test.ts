// A Redis that takes reads but refuses writes (full at its maxmemory, as here; a read-only replica answers alike): a
// flow that depends on the write stops with a 503 naming REDIS_URL before going on without it, a sign-in the org
// granted but that cannot be kept leaves no refresh token behind, and the log gets one line, never a stack trace.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { authorizeViaApp, postForm, runWebServerFlow } from '../support/flows.ts';
import { TestClient } from '../support/http.ts';
import { NO_REDIS_MESSAGE, startRedis, type RedisServer } from '../support/redis.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

/** Refresh tokens the org holds live (issued, not revoked, not rotated away). */
function liveRefreshTokens(stack: TestStack): number {
  const tokens = stack.emulator?.context.state.tokens;
  return [...(tokens?.refresh.values() ?? [])].filter((record) => record.replacedAt === undefined).length;
}

describe('a Redis that refuses writes', () => {
  let redis: RedisServer | null;
  let stack: TestStack | undefined;
  const logged: string[] = [];
  const original = console.error;
  before(async () => {
    redis = await startRedis();
    if (redis) stack = await startTestStack({ REDIS_URL: redis.url });
    console.error = (...args: unknown[]) => logged.push(args.map(String).join(' '));
  });
  after(async () => {
    console.error = original;
    await stack?.close();
    await redis?.stop();
  });

  /** Runs `body` while Redis refuses every write, as one at its maxmemory with no eviction does. */
  const whileFull = async (body: () => Promise<void>) => {
    const { createClient } = await import('redis');
    const admin = createClient({ url: redis?.url });
    await admin.connect();
    try {
      await admin.configSet({ 'maxmemory-policy': 'noeviction', maxmemory: '1' });
      await body();
    } finally {
      await admin.configSet({ maxmemory: '0' });
      await admin.close();
    }
  };

  test('a sign-in whose session cannot be saved is a 503 naming REDIS_URL, not a result page saying "not signed in"', async (t) => {
    if (!redis || !stack) return t.skip(NO_REDIS_MESSAGE);
    const app = stack;
    assert.equal((await runWebServerFlow(app, new TestClient())).location, '/result'); // approves the app
    await whileFull(async () => {
      const refused = await postForm(app, new TestClient(), '/flows/jwt', '/flows/jwt');
      assert.equal(refused.status, 503);
      const page = await refused.text();
      assert.match(
        page,
        /the Redis server at REDIS_URL, which keeps the sessions, could not store the login \(OOM/,
      );
      assert.match(
        page,
        /Its access token, out of reach now, ends at the org on its own/,
        'no refresh token',
      );
    });
  });

  test('a login the org granted but that cannot be kept has its refresh token revoked, and says to start again', async (t) => {
    if (!redis || !stack) return t.skip(NO_REDIS_MESSAGE);
    const app = stack;
    const browser = new TestClient();
    const callbackUrl = await authorizeViaApp(app, browser, '/flows/web-server/start');
    const live = liveRefreshTokens(app);
    logged.length = 0;
    await whileFull(async () => {
      const callback = await browser.get(callbackUrl);
      assert.equal(callback.status, 503);
      const page = await callback.text();
      assert.match(page, /Sign-in not kept/);
      assert.match(page, /Its refresh token was revoked at the org/);
      assert.match(page, /then start the flow again/);
    });
    assert.equal(liveRefreshTokens(app), live, 'the refresh token issued at the callback is revoked');
    assert.ok(logged.length > 0, 'the refusal is logged');
    for (const line of logged) assert.doesNotMatch(line, /\n\s+at /, 'one line, no stack trace');
  });

  test('a login is not started when its state cannot be kept: the 503 comes before Salesforce’s page', async (t) => {
    if (!redis || !stack) return t.skip(NO_REDIS_MESSAGE);
    const app = stack;
    logged.length = 0;
    await whileFull(async () => {
      const start = await new TestClient().get(`${app.appUrl}/flows/web-server/start`);
      assert.equal(start.status, 503);
      assert.equal(
        start.headers.get('location'),
        null,
        'not sent to the login it could never come back from',
      );
      assert.match(await start.text(), /could not be used \(OOM/);
    });
    for (const line of logged) assert.doesNotMatch(line, /\n\s+at /, 'one line, no stack trace');
  });
});
