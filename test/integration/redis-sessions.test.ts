// Sessions in a real Redis (started here on a free port): two app processes share a visitor's login, a new
// one still knows it, and a Redis that cannot be reached stops start-up with REDIS_URL named.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../support/http.ts';
import { resultWithToken, runWebServerFlow } from '../support/flows.ts';
import { freePort, NO_REDIS_MESSAGE, startRedis, type RedisServer } from '../support/redis.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { ConfigError } from '../../server/config.ts';

describe('sessions in Redis', () => {
  let redis: RedisServer | null;
  const stacks: TestStack[] = [];
  const startShared = async () => {
    const stack = await startTestStack({
      REDIS_URL: redis?.url ?? '',
      SESSION_SECRET: 'shared-redis-test-secret',
    });
    stacks.push(stack);
    return stack;
  };
  before(async () => {
    redis = await startRedis();
  });
  after(async () => {
    await Promise.all(stacks.map((stack) => stack.close()));
    await redis?.stop();
  });

  test('a visitor signed in through one app process is signed in on another, and on one started later', async (t) => {
    if (!redis) return t.skip(NO_REDIS_MESSAGE);
    const [first, second] = [await startShared(), await startShared()];
    const client = new TestClient(); // one browser: cookies for localhost go to both processes, as behind a proxy
    assert.equal((await runWebServerFlow(first, client)).location, '/result');
    const viaFirst = await resultWithToken(first, client);
    const viaSecond = await resultWithToken(second, client);
    assert.match(viaSecond.page, /<h1>Signed in<\/h1>/);
    assert.match(viaSecond.page, /Ada Admin/);
    assert.equal(viaSecond.token, viaFirst.token);

    await second.close();
    stacks.splice(stacks.indexOf(second), 1);
    const third = await startShared();
    const viaThird = await resultWithToken(third, client);
    assert.match(viaThird.page, /<h1>Signed in<\/h1>/);
    assert.equal(viaThird.token, viaFirst.token);
    assert.equal(
      (await new TestClient().get(`${third.appUrl}/result`)).status,
      401,
      'another browser is not',
    );
  });
});

describe('REDIS_URL at start-up', () => {
  const errors: string[] = [];
  const original = console.error;
  before(() => {
    console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
  });
  after(() => {
    console.error = original;
  });

  test('a Redis that cannot be reached stops start-up with one message naming REDIS_URL, no password', async () => {
    const port = await freePort();
    await assert.rejects(
      startTestStack({ REDIS_URL: `redis://:hunter2-secret@127.0.0.1:${port}` }),
      (error) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(
          error.message,
          `REDIS_URL redis://:***@127.0.0.1:${port} cannot be reached (connect ECONNREFUSED 127.0.0.1:${port}): start Redis there, or remove REDIS_URL to keep sessions in memory.`,
        );
        return true;
      },
    );
    assert.deepEqual(errors, [], 'nothing else is printed meanwhile');
  });

  test('a REDIS_URL that is not a Redis URL is a configuration error naming it, no password', async () => {
    await assert.rejects(startTestStack({ REDIS_URL: 'http://user:hunter2-secret@localhost:6379' }), {
      name: 'ConfigError',
      message:
        'REDIS_URL "http://user:***@localhost:6379" is not a Redis URL: use redis://host:6379 (or rediss:// for TLS), or remove it.',
    });
  });
});
