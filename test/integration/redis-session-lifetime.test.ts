// Sessions in Redis end after the same 2 hours unused as in memory: Redis's own expiry is the session's, never the
// cookie's (which outlives the session by most of a day, to say "session ended" to a visitor back late).
import assert from '../support/assert.ts';
import { after, describe, test } from 'node:test';
import { TestClient } from '../support/http.ts';
import { runWebServerFlow } from '../support/flows.ts';
import { NO_REDIS_MESSAGE, startRedis, type RedisServer } from '../support/redis.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { SESSION_TTL_MS } from '../../server/sessionStore.ts';

describe('session lifetime in Redis', () => {
  let redis: RedisServer | null = null;
  let stack: TestStack | undefined;
  after(async () => {
    await stack?.close();
    await redis?.stop();
  });

  test('a signed-in session, and one touched by a later visit, expires in Redis after 2 hours unused', async (t) => {
    redis = await startRedis();
    if (!redis) return t.skip(NO_REDIS_MESSAGE);
    stack = await startTestStack({ REDIS_URL: redis.url });
    const client = new TestClient();
    assert.equal((await runWebServerFlow(stack, client)).location, '/result');
    const { createClient } = await import('redis');
    const admin = createClient({ url: redis.url });
    await admin.connect();
    try {
      const ttls = async () => {
        const keys = await admin.keys('playground:session:*');
        return Promise.all(keys.map((key) => admin.ttl(key)));
      };
      const limit = SESSION_TTL_MS / 1000;
      const signedIn = await ttls();
      assert.equal(signedIn.length, 1, 'one session: the signed-in one');
      assert.ok(
        signedIn[0] > 0 && signedIn[0] <= limit,
        `expires in ${signedIn[0]} s, not within ${limit} s`,
      );
      // A later visit renews the session (rolling): it renews it to the same 2 hours.
      assert.equal((await client.get(`${stack.appUrl}/result`)).status, 200);
      const touched = await ttls();
      assert.ok(touched[0] > 0 && touched[0] <= limit, `renewed to ${touched[0]} s, not within ${limit} s`);
    } finally {
      await admin.close();
    }
  });
});
