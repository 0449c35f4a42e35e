// Session exhaustion: a flood of anonymous sessions cannot evict a signed-in visitor, and reloading the
// result page cannot grow a session (each reload replaces its own query leg).
import assert from '../support/assert.ts';
import { after, afterEach, before, describe, test } from 'node:test';
import { assertStillServing } from '../support/attacks.ts';
import { TestClient } from '../support/http.ts';
import { runWebServerFlow } from '../support/flows.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';
import { SESSION_TTL_MS } from '../../server/sessionStore.ts';

const ANONYMOUS_SESSIONS = 50;

describe('session exhaustion', () => {
  let stack: TestStack;
  afterEach(() => assertStillServing(stack, new TestClient()));
  before(async () => {
    stack = await startTestStack(
      {},
      {
        sessionLimits: {
          anonymous: { sessions: ANONYMOUS_SESSIONS, bytes: 1024 * 1024 },
          signedIn: { sessions: 20, bytes: 4 * 1024 * 1024 },
          ttlMs: SESSION_TTL_MS,
        },
      },
    );
  });
  after(() => stack.close());

  test(`${3 * ANONYMOUS_SESSIONS} cookieless flow starts evict anonymous sessions only, never a signed-in one`, async () => {
    const user = new TestClient();
    assert.equal((await runWebServerFlow(stack, user)).location, '/result');
    const pending = new TestClient(); // an anonymous visitor half-way through a login, older than the flood
    const start = await pending.get(`${stack.appUrl}/flows/web-server/start`);
    const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';

    for (let sent = 0; sent < 3 * ANONYMOUS_SESSIONS; sent += 10) {
      const batch = Array.from({ length: 10 }, () =>
        new TestClient().get(`${stack.appUrl}/flows/web-server/start`),
      );
      for (const answer of await Promise.all(batch)) {
        assert.equal(answer.status, 302);
        assert.match(answer.headers.get('set-cookie') ?? '', /(^|, )__Host-playground\.sid=/);
      }
    }

    const result = await user.get(`${stack.appUrl}/result`);
    assert.equal(result.status, 200);
    assert.match(await result.text(), /<h1>Signed in<\/h1>/);
    // The flood did fill the anonymous tier, and evicted the older anonymous visitor's session; its pending login,
    // kept by its browser's mark beside the sessions, still comes back: its callback goes on to the code exchange
    // (which the emulator refuses, the code being made up), instead of being told that its session is gone.
    await pending.get(`${stack.config.callbackUrl}?code=any&state=${state}`);
    const page = await (await pending.get(`${stack.appUrl}/flows/web-server`)).text();
    assert.doesNotMatch(page, /<code>session_lost<\/code>/);
    assert.match(page, /<code>invalid_grant<\/code>/);
  });

  test('reloading /result 45 times keeps exactly one query leg in the transcript', async () => {
    const client = new TestClient();
    await runWebServerFlow(stack, client);
    let html = '';
    for (let reload = 0; reload < 45; reload++) {
      const page = await client.get(`${stack.appUrl}/result`);
      assert.equal(page.status, 200);
      html = await page.text();
    }
    assert.equal(html.match(/data-leg="query"/g)?.length, 1);
    assert.equal(html.match(/data-leg="identity"/g)?.length, 1);
    assert.match(html, /10 records\./);
  });
});
