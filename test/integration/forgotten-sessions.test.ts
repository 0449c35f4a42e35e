// A signed-in session the playground forgets, by age or to make room, takes its refresh token with it: revoked at
// the org, as a logout would, not left valid there with nobody able to use or revoke it. One in use is not forgotten.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_SESSION_LIMITS } from '../../server/sessionStore.ts';
import { runWebServerFlow } from '../support/flows.ts';
import { whileHeld } from '../support/held-requests.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

/** The session store's own clock is real time: a short life is waited out. */
const SESSION_LIFE_MS = 4_000;

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

    test('a request that loaded the session near the end of its life keeps it alive while it runs', async () => {
      const client = new TestClient();
      await runWebServerFlow(stack, client);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(
        await (await client.get(`${stack.appUrl}/result`)).text(),
      );
      const live = liveRefreshTokens(stack);
      await sleep(SESSION_LIFE_MS - 1_000); // idle until a second before the session's end
      await whileHeld(stack.emulatorServer!, '/services/oauth2/token', async (held) => {
        // A refresh loads the session, then waits at Salesforce past the life the session had left.
        const refresh = client.post(`${stack.appUrl}/flows/refresh-token`, { _csrf: csrf?.[1] ?? '' });
        await held.arrived;
        await sleep(2_000);
        // Another tab meanwhile: the session is still there, in use, and nothing was revoked.
        assert.equal((await client.get(`${stack.appUrl}/result`)).status, 200);
        held.release();
        assert.equal((await refresh).headers.get('location'), '/result');
      });
      assert.equal(liveRefreshTokens(stack), live, 'no refresh token revoked');
      assert.doesNotMatch(await (await client.get(`${stack.appUrl}/result`)).text(), /Token refused/);
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
