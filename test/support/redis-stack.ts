// A stack that keeps its sessions in a Redis of its own, with a visitor signed in there by the web server flow, and
// a Redis client of the test's own to look at (or break) what Redis holds. Both servers stop after the describe.
import assert from './assert.ts';
import { after } from 'node:test';
import { createClient } from 'redis';
import { runWebServerFlow } from './flows.ts';
import { TestClient } from './http.ts';
import { startRedis, type RedisServer } from './redis.ts';
import { startTestStack, type TestStack } from './stack.ts';

const adminOf = (url: string) => createClient({ url });

export interface SignedInOnRedis {
  stack: TestStack;
  /** The signed-in visitor. */
  client: TestClient;
  /** Connected; the test closes it. */
  admin: ReturnType<typeof adminOf>;
}

/** Inside a describe: `signIn()` starts both servers and signs a visitor in; null when redis-server is missing. */
export function redisStackForTests(): { signIn(): Promise<SignedInOnRedis | null> } {
  let redis: RedisServer | null = null;
  let stack: TestStack | undefined;
  after(async () => {
    await stack?.close();
    await redis?.stop();
  });
  return {
    async signIn() {
      redis = await startRedis();
      if (!redis) return null;
      stack = await startTestStack({ REDIS_URL: redis.url });
      const client = new TestClient();
      assert.equal((await runWebServerFlow(stack, client)).location, '/result');
      const admin = adminOf(redis.url);
      await admin.connect();
      return { stack, client, admin };
    },
  };
}
