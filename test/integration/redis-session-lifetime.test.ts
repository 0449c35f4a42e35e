// Sessions in Redis end after the same 2 hours unused as in memory: Redis's own expiry is the session's, never the
// cookie's (which outlives the session by most of a day, to say "session ended" to a visitor back late).
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { NO_REDIS_MESSAGE } from '../support/redis.ts';
import { redisStackForTests } from '../support/redis-stack.ts';
import { SESSION_TTL_MS } from '../../server/sessionStore.ts';

describe('session lifetime in Redis', () => {
  const onRedis = redisStackForTests();

  test('a signed-in session, and one touched by a later visit, expires in Redis after 2 hours unused', async (t) => {
    const signedIn = await onRedis.signIn();
    if (!signedIn) return t.skip(NO_REDIS_MESSAGE);
    const { stack, client, admin } = signedIn;
    try {
      const ttls = async () => {
        const keys = await admin.keys('playground:session:*');
        return Promise.all(keys.map((key) => admin.ttl(key)));
      };
      const limit = SESSION_TTL_MS / 1000;
      const signedInTtls = await ttls();
      assert.equal(signedInTtls.length, 1, 'one session: the signed-in one');
      assert.ok(
        signedInTtls[0] > 0 && signedInTtls[0] <= limit,
        `expires in ${signedInTtls[0]} s, not within ${limit} s`,
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
