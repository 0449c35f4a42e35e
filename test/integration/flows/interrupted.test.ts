// A visitor interrupted: a login finished after this app stopped waiting for it is said to be late (not a
// stranger's), a new sign-in revokes the refresh token of the login it replaces, and a device page reloaded after a
// logout in another tab took its code says so.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { postForm, runWebServerFlow } from '../../support/flows.ts';
import { TestClient } from '../../support/http.ts';
import { visitorOnClock } from '../../support/visitor.ts';

describe('a visitor interrupted', () => {
  const timed = visitorOnClock();
  const { visitor } = timed;
  const { client } = visitor;
  const page = (path: string) => visitor.page(path);
  const run = (flowPath: string) => visitor.run(flowPath);
  const poll = () => visitor.pollDevice();
  const allowOnOtherScreen = () => visitor.allowDeviceCodeElsewhere();

  test('a login finished after 15 minutes is said to have come too late, not to be a stranger', async () => {
    const { location } = await runWebServerFlow(timed.stack, client, {
      meanwhile: async () => {
        timed.clock += 16 * 60 * 1000; // a login page left open over a break
      },
    });
    assert.equal(location, '/flows/web-server#teaching-heading');
    const shown = await page('/flows/web-server');
    assert.ok(
      shown.includes(
        '<code>login_expired</code>: <code>this login was started more than 15 minutes ago, and this app no longer waits for it</code>',
      ),
    );
    assert.match(shown, /The login took longer than this app waits for it/);
    assert.doesNotMatch(shown, /state_mismatch/);
    // A state this browser never sent is still a mismatch.
    const start = await client.get(`${timed.stack.appUrl}/flows/web-server/start`);
    assert.equal(start.status, 302);
    const stranger = await client.get(
      `${timed.stack.appUrl}/oauthcallback.html?code=abc&state=not-a-state-of-this-browser`,
    );
    assert.equal(stranger.status, 303);
    assert.match(await page('/flows/web-server'), /state_mismatch/);
  });

  test("a new sign-in revokes the refresh token of the login it replaces (this app forgets it), not the new one's", async () => {
    const client = new TestClient();
    const refreshed = () =>
      timed.stack.emulator?.received.filter((r) => r.params.grant_type === 'refresh_token') ?? [];
    const revoked = () => timed.stack.emulator?.received.filter((r) => r.path === '/revoke') ?? [];
    const refresh = async () =>
      (await postForm(timed.stack, client, '/flows/refresh-token', '/flows/refresh-token')).headers.get(
        'location',
      );
    assert.equal((await runWebServerFlow(timed.stack, client)).location, '/result');
    // A refresh sends the login's refresh token: that is how the test learns it (rotation is off: it stays).
    assert.equal(await refresh(), '/result');
    const first = String(refreshed().at(-1)?.params.refresh_token);
    const revokesBefore = revoked().length;
    assert.equal((await runWebServerFlow(timed.stack, client)).location, '/result');
    assert.deepEqual(
      revoked()
        .slice(revokesBefore)
        .map((r) => r.params.token),
      [first],
    );
    assert.equal(timed.stack.emulator?.context.state.tokens.findRefreshToken(first), undefined);
    // The revoke is a leg of the sign-in that made it, on its result page, with the old token masked like any other.
    const result = await (await client.get(`${timed.stack.appUrl}/result`)).text();
    assert.match(result, /data-leg="revoke \(replaced login\)"/);
    assert.ok(!result.includes(first), 'the revoked refresh token is masked');
    const legOf = async (page: string) => {
      const id = /data-entry="([^"]+)" data-leg="revoke \(replaced login\)"/.exec(page)?.[1] ?? '';
      return (await client.get(`${timed.stack.appUrl}/teaching/legs/${id}?part=body`)).text();
    };
    const leg = await legOf(result);
    assert.match(leg, /Sent by this app as this sign-in replaced your earlier\s+login/);
    assert.doesNotMatch(leg, /nothing left\s+to revoke/);
    // A replaced login whose refresh token no longer worked: the refused revoke says it changes nothing.
    await postForm(timed.stack, client, '/result', '/result/tools', { tool: 'revoke-refresh' });
    assert.equal((await runWebServerFlow(timed.stack, client)).location, '/result');
    const refused = await legOf(await (await client.get(`${timed.stack.appUrl}/result`)).text());
    assert.match(
      refused,
      /Salesforce refused it because that token no longer worked[^]*nothing left\s+to revoke/,
    );
    // The new login's own refresh token still works.
    assert.equal(await refresh(), '/result');
    assert.notEqual(refreshed().at(-1)?.params.refresh_token, first);
  });

  test('a page reloaded after a logout in another tab took its code says so; one whose code waits does not', async () => {
    assert.equal(await run('/flows/device'), '/flows/device#code-heading');
    const notice = /The code this page showed is no longer waiting/;
    const reloaded = await page('/flows/device?reloaded=1');
    assert.match(reloaded, /<code id="user-code">/);
    assert.doesNotMatch(reloaded, notice, 'a sign-in elsewhere carried the code along: nothing to say');
    assert.equal((await postForm(timed.stack, client, '/flows/device', '/logout')).status, 303);
    // The page's next poll, its code gone with the logout, is sent to the reload that says so.
    assert.equal(await poll(), '/flows/device?reloaded=1#code-heading');
    const afterLogout = await page('/flows/device?reloaded=1');
    assert.match(afterLogout, notice);
    assert.doesNotMatch(afterLogout, /<code id="user-code">/);
    assert.doesNotMatch(await page('/flows/device'), notice, 'only the reload the poll asked for says it');
    // A code that signed this browser in (polled from another tab showing it) is gone too, and not by a logout.
    assert.equal(await run('/flows/device'), '/flows/device#code-heading');
    await allowOnOtherScreen();
    timed.clock += 5_000;
    assert.equal(await poll(), '/result');
    assert.doesNotMatch(await page('/flows/device?reloaded=1'), notice);
  });
});
