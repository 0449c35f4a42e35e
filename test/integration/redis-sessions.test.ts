// Sessions in a real Redis (started here on a free port): two app processes share a visitor's login, a new
// one still knows it, and a Redis that cannot be reached stops start-up with REDIS_URL named.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../support/http.ts';
import { resultWithToken, runWebServerFlow } from '../support/flows.ts';
import { freePort, NO_REDIS_MESSAGE, startRedis, type RedisServer } from '../support/redis.ts';
import { redisStackForTests } from '../support/redis-stack.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import net from 'node:net';
import { ConfigError } from '../../server/config.ts';
import { createSessionStore } from '../../server/sessionStore.ts';
import { redisFailure } from '../../server/sessionStoreErrors.ts';

describe('sessions in Redis', () => {
  let redis: RedisServer | null;
  const stacks: TestStack[] = [];
  const startShared = async () => {
    const stack = await startTestStack({
      REDIS_URL: redis?.url ?? '',
      SESSION_SECRET: 'shared-redis-test-secret-32-characters',
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

describe('a Redis that loses its data', () => {
  const onRedis = redisStackForTests();

  test('flushed while a visitor is signed in: the pages name Redis as what lost the session, not a restart', async (t) => {
    const signedIn = await onRedis.signIn();
    if (!signedIn) return t.skip(NO_REDIS_MESSAGE);
    const { stack, client, admin } = signedIn;
    await admin.flushAll();
    await admin.close();
    const result = await client.get(`${stack.appUrl}/result`);
    assert.equal(result.status, 401);
    const page = await result.text();
    assert.match(
      page,
      /the Redis server at REDIS_URL no longer has it \(restarted without saving its data, flushed/,
    );
    assert.doesNotMatch(page, /the playground restarted/);
  });
});

describe('Redis going away and coming back', () => {
  let redis: RedisServer | null;
  let stack: TestStack | undefined;
  after(async () => {
    await stack?.close();
    await redis?.stop();
  });

  test('while Redis is silent or down a request gets a 503 naming REDIS_URL; once it is back, the app serves again', async (t) => {
    const port = await freePort();
    redis = await startRedis(port);
    if (!redis) return t.skip(NO_REDIS_MESSAGE);
    stack = await startTestStack({ REDIS_URL: redis.url });
    const client = new TestClient();
    assert.equal((await runWebServerFlow(stack, client)).location, '/result');
    // A Redis that holds the connection and never answers: the request ends with the 503 after the deadline.
    process.kill(redis.pid, 'SIGSTOP');
    try {
      assert.equal((await client.get(`${stack.appUrl}/result`)).status, 503);
    } finally {
      process.kill(redis.pid, 'SIGCONT');
    }
    await redis.stop();
    const down = await client.get(`${stack.appUrl}/result`);
    assert.equal(down.status, 503);
    const page = await down.text();
    assert.match(page, /Session store unavailable/);
    assert.match(page, /The Redis server at REDIS_URL, which keeps the sessions, could not be used/);
    assert.doesNotMatch(page, /at .*\.ts:\d+/);
    // Longer than the reconnect budget the client had before (20 tries, 250 ms apart), after which it closed for good.
    await new Promise((resolve) => setTimeout(resolve, 6_500));
    redis = await startRedis(port);
    let home = 0;
    for (let tries = 0; tries < 40 && home !== 200; tries++) {
      home = (await client.get(`${stack.appUrl}/`)).status;
      if (home !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.equal(home, 200);
    // This Redis kept nothing (no persistence): the visitor is signed out, told so, not shown an error.
    assert.equal((await client.get(`${stack.appUrl}/result`)).status, 401);
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

  test('a server that takes the connection but never answers stops start-up instead of holding it', async () => {
    const held = new Set<net.Socket>();
    const silent = net.createServer((socket) => held.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      await assert.rejects(createSessionStore(`redis://127.0.0.1:${port}`, undefined, 300), {
        message: 'no answer within 0.3 s: is a Redis server listening there?',
      });
    } finally {
      for (const socket of held) socket.destroy();
      silent.close();
    }
  });

  test('says which fix a refused password or a TLS mismatch needs, on one line', () => {
    const url = 'REDIS_URL redis://user:***@127.0.0.1:6379';
    assert.equal(
      redisFailure(url, new Error('WRONGPASS invalid username-password pair or user is disabled.')),
      `${url} refused the credentials (WRONGPASS invalid username-password pair or user is disabled.): fix the user name and password in it.`,
    );
    assert.match(
      redisFailure(
        url,
        new Error('1C:error:0A00010B:SSL routines:ssl3_get_record:wrong version number\nmore'),
      ),
      /could not start TLS \(.*wrong version number\): use redis:\/\/ for a server without TLS/,
    );
    assert.match(
      redisFailure(url, new Error('ERR DB index is out of range')),
      /names a database this Redis does not have \(ERR DB index is out of range\): use one from \/0/,
    );
    // rediss:// to a Redis without TLS: the client waits for a handshake that never comes.
    assert.match(
      redisFailure(
        'REDIS_URL rediss://127.0.0.1:6379',
        new Error('no answer within 5 s: is a Redis server listening there?'),
      ),
      /start Redis there, or remove REDIS_URL to keep sessions in memory\. If it has no TLS, use redis:\/\/\.$/,
    );
    assert.doesNotMatch(redisFailure(url, new Error('no answer within 5 s')), /no TLS/);
  });
});
