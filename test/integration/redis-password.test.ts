// Redis and its password: a Redis that starts asking for one while the app runs gets pages that say so, and the fix
// (not "offline"), logged once; one that asks for it at start stops start-up saying so; a REDIS_URL whose password
// holds an unencoded / # ? or @ is refused at start, with how to encode it.
import assert from '../support/assert.ts';
import { after, describe, test } from 'node:test';
import { TestClient } from '../support/http.ts';
import { NO_REDIS_MESSAGE, startRedis, type RedisServer } from '../support/redis.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

describe('Redis and its password', () => {
  let redis: RedisServer | null = null;
  let stack: TestStack | undefined;
  const logged: string[] = [];
  const original = console.error;
  after(async () => {
    console.error = original;
    await stack?.close();
    await redis?.stop();
  });

  test('a Redis that starts asking for a password: pages say so and name the fix, and the log says it once', async (t) => {
    redis = await startRedis();
    if (!redis) return t.skip(NO_REDIS_MESSAGE);
    stack = await startTestStack({ REDIS_URL: redis.url });
    console.error = (...args: unknown[]) => logged.push(args.map(String).join(' '));
    const { createClient } = await import('redis');
    const admin = createClient({ url: redis.url });
    admin.on('error', () => undefined);
    await admin.connect();
    // The password set, the app's connection dropped: each reconnection is refused.
    await admin.configSet('requirepass', 'a-password-the-app-lacks');
    await admin.sendCommand(['CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes']);
    let page = '';
    for (let tries = 0; tries < 80 && !/asks for a password/.test(page); tries++) {
      const start = await new TestClient().get(`${stack.appUrl}/flows/web-server/start`);
      page = start.status === 503 ? await start.text() : '';
      if (!/asks for a password/.test(page)) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.match(page, /asks for a password REDIS_URL does not give, or refuses the one it gives \(NOAUTH/);
    assert.match(page, /redis:\/\/user:password@host:6379, the password percent-encoded/);
    assert.doesNotMatch(page, /The client is offline/);
    assert.equal(
      logged.filter((line) => /^\[app\] The Redis server .* asks for a password/.test(line)).length,
      1,
    );
    await admin.configSet('requirepass', '');
    await admin.close();
  });

  test('a Redis that asks for a password REDIS_URL does not give stops start-up saying so', async (t) => {
    redis ??= await startRedis();
    if (!redis) return t.skip(NO_REDIS_MESSAGE);
    const { createClient } = await import('redis');
    const admin = createClient({ url: redis.url });
    admin.on('error', () => undefined);
    await admin.connect();
    await admin.configSet('requirepass', 'a-password-the-app-lacks');
    try {
      await assert.rejects(startTestStack({ REDIS_URL: redis.url }), (error: Error) => {
        assert.equal(error.name, 'ConfigError');
        assert.match(error.message, /asks for a password, which it does not give \(NOAUTH/);
        assert.match(
          error.message,
          /put it in REDIS_URL \(redis:\/\/:password@host:6379, the password percent-encoded\)/,
        );
        return true;
      });
    } finally {
      await admin.configSet('requirepass', '');
      await admin.close();
    }
  });

  test('a password with an unencoded / # ? or @ cut the URL short: start-up says to percent-encode it', async () => {
    for (const url of ['redis://:pass/word@localhost:6379', 'redis://user:pass#word@localhost:6379/0']) {
      await assert.rejects(startTestStack({ REDIS_URL: url }), (error: Error) => {
        assert.equal(error.name, 'ConfigError');
        assert.match(
          error.message,
          /^REDIS_URL "redis:\/\/(user)?:\*\*\*@localhost:6379(\/0)?" does not read as/,
        );
        assert.match(error.message, /must be percent-encoded \(encodeURIComponent: \/ is %2F, # is %23/);
        assert.doesNotMatch(error.message, /pass[/#]word/, 'the password is not shown');
        return true;
      });
    }
  });
});
