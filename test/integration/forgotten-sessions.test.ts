// A signed-in session the playground forgets, by age or to make room, takes its refresh token with it: revoked at
// the org, as a logout would, not left valid there with nobody able to use or revoke it.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_SESSION_LIMITS } from '../../server/sessionStore.ts';
import { runWebServerFlow } from '../support/flows.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

/** The session store's own clock is real time: a short life is waited out. */
const SESSION_LIFE_MS = 1_500;

/** The refresh token each visitor's login holds, read from the tokens the org issued to it. */
function liveRefreshTokens(stack: TestStack): number {
  const tokens = stack.emulator?.context.state.tokens;
  return [...(tokens?.refresh.values() ?? [])].filter((record) => record.replacedAt === undefined).length;
}

/** Waits for the revoke the app sends without holding up the request that found the session gone. */
async function revokedDown(stack: TestStack, count: number): Promise<void> {
  for (let tries = 0; tries < 50 && liveRefreshTokens(stack) !== count; tries++) await sleep(20);
  assert.equal(liveRefreshTokens(stack), count);
}

describe('sessions the playground forgets', () => {
  describe('by age', () => {
    let stack: TestStack;
    before(async () => {
      stack = await startTestStack(
        {},
        { sessionLimits: { ...DEFAULT_SESSION_LIMITS, ttlMs: SESSION_LIFE_MS } },
      );
    });
    after(() => stack.close());

    test('a session left unused past its life has its refresh token revoked when it is found gone', async () => {
      const client = new TestClient();
      const before = liveRefreshTokens(stack);
      await runWebServerFlow(stack, client);
      assert.equal(liveRefreshTokens(stack), before + 1);
      await sleep(SESSION_LIFE_MS + 500);
      const page = await client.get(`${stack.appUrl}/result`);
      assert.equal(page.status, 401, 'signed out: the session is gone');
      await revokedDown(stack, before);
    });
  });

  describe('to make room', () => {
    let stack: TestStack;
    before(async () => {
      const oneSignedIn = { ...DEFAULT_SESSION_LIMITS, signedIn: { sessions: 1, bytes: 1024 * 1024 } };
      stack = await startTestStack({}, { sessionLimits: oneSignedIn });
    });
    after(() => stack.close());

    test('a signed-in session pushed out by a newer one has its refresh token revoked; the newer one keeps its', async () => {
      const before = liveRefreshTokens(stack);
      await runWebServerFlow(stack, new TestClient());
      const newer = new TestClient();
      await runWebServerFlow(stack, newer);
      await revokedDown(stack, before + 1);
      assert.equal((await newer.get(`${stack.appUrl}/result`)).status, 200);
    });
  });
});
