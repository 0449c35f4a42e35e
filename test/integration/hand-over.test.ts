// "New attempt and copy" for a spent authorization code: a new login whose code is handed over unexchanged, its
// exchange shown with placeholders and revealed on request, and a plain link that can hand nothing over.
import assert from '../support/assert.ts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { authorizeViaApp, runWebServerFlow } from '../support/flows.ts';
import { unescapeHtml } from '../support/html.ts';
import { TestClient } from '../support/http.ts';
import { transcriptReader } from '../support/transcript-reader.ts';
import { startTestStack, TEST_ROOT, type TestStack } from '../support/stack.ts';

const run = promisify(execFile);

describe('handing a code over', () => {
  let stack: TestStack;
  const client = new TestClient();

  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  const { pageOf, legOf, fresh } = transcriptReader(() => stack, client);

  test('a spent authorization code: a new login whose code is handed over, unexchanged, and whose copied exchange works once', async () => {
    await runWebServerFlow(stack, client);
    const before = await pageOf('/result');
    const token = before.legs.find((leg) => leg.leg === 'token');
    assert.ok(token, 'the token request is a leg of the result page');
    assert.match(await legOf(token.id), new RegExp(`data-fresh="code" data-entry-id="${token.id}"`));
    const answer = await fresh(token.id, before.csrf);
    assert.equal(answer.status, 200);
    const { redirect } = (await answer.json()) as { redirect: string };
    assert.equal(redirect, '/flows/web-server/start?hand_over=1');

    const exchangesBefore = stack.emulator?.context.received.filter((r) => r.path.endsWith('/token')).length;
    const callbackUrl = await authorizeViaApp(stack, client, redirect);
    const callback = await client.get(callbackUrl);
    assert.equal(callback.headers.get('location'), '/flows/web-server#handed-over');
    assert.equal(
      stack.emulator?.context.received.filter((r) => r.path.endsWith('/token')).length,
      exchangesBefore,
      'the app did not exchange the code',
    );
    const page = await (await client.get(`${stack.appUrl}/flows/web-server`)).text();
    assert.match(page, /An unused code, for you to exchange/);
    assert.match(
      page,
      /Salesforce is commonly reported\s+to keep five per user and app, revoking the oldest/,
    );
    assert.match(page, /it was handed to you, not exchanged/);
    assert.match(page, /data-check="state" data-state="pass"/);
    assert.equal(
      (await client.get(`${stack.appUrl}/result`)).status,
      200,
      'the earlier sign-in is unchanged',
    );

    // The page holds placeholders only; the code and the secret come with Reveal, like every other copy's.
    const shown = unescapeHtml(/<pre[^>]*data-snippet="curl">([^]*?)<\/pre>/.exec(page)?.[1] ?? '');
    assert.match(shown, /grant_type=authorization_code/);
    assert.doesNotMatch(page, /local-emulator-consumer-secret|SF_AUTH_CODE=aPrx/);
    const revealUrl = `${stack.appUrl}/flows/web-server/handed-over/reveal`;
    const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(page)?.[1] ?? '';
    const reveal = (token: string, visitor = client) =>
      visitor.request(revealUrl, {
        method: 'POST',
        headers: { accept: 'application/json', 'x-csrf-token': token },
      });
    assert.equal((await reveal('forged')).status, 403);
    const revealed = await reveal(csrf);
    assert.equal(revealed.headers.get('cache-control'), 'no-store');
    const { snippets } = (await revealed.json()) as {
      snippets: { snippets: { target: string; text: string }[] };
    };
    const curl = snippets.snippets.find((snippet) => snippet.target === 'curl')?.text ?? '';
    // The live values the Reveal gave are nowhere in the page, in any encoding.
    for (const name of ['SF_AUTH_CODE', 'SF_CODE_VERIFIER', 'SF_CLIENT_SECRET']) {
      const value = new RegExp(`^export ${name}=(.+)$`, 'm').exec(curl)?.[1] ?? '';
      assert.ok(value.length > 8, `${name} revealed`);
      for (const form of [
        value,
        value.replace(/^'|'$/g, ''),
        encodeURIComponent(value.replace(/^'|'$/g, '')),
      ])
        assert.ok(!page.includes(form), `${name} is not in the page`);
    }
    const report = `curl() { command curl --silent --write-out '\\n%{http_code}' "$@"; }\n`;
    const first = (await run('bash', ['-c', report + curl], { cwd: TEST_ROOT })).stdout;
    assert.match(first, /\n200$/, first);
    assert.equal(JSON.parse(first.slice(0, first.lastIndexOf('\n'))).instance_url, stack.instanceUrl);
    const again = (await run('bash', ['-c', report + curl], { cwd: TEST_ROOT })).stdout;
    assert.match(again, /"error_description":"expired authorization code"[^]*\n400$/);
  });

  test('a plain link with hand_over=1 hands nothing over: only the POST of "new attempt and copy" can', async () => {
    const visitor = new TestClient();
    await runWebServerFlow(stack, visitor);
    // As a link on any page would send the signed-in visitor: the login completes and its code is exchanged.
    const callbackUrl = await authorizeViaApp(stack, visitor, '/flows/web-server/start?hand_over=1');
    assert.equal((await visitor.get(callbackUrl)).headers.get('location'), '/result');
    const page = await (await visitor.get(`${stack.appUrl}/flows/web-server`)).text();
    assert.doesNotMatch(page, /An unused code, for you to exchange/);
    assert.doesNotMatch(page, /SF_CLIENT_SECRET=local-emulator-consumer-secret/);
    const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(page)?.[1] ?? '';
    const reveal = await visitor.request(`${stack.appUrl}/flows/web-server/handed-over/reveal`, {
      method: 'POST',
      headers: { accept: 'application/json', 'x-csrf-token': csrf },
    });
    assert.equal(reveal.status, 404, 'nothing handed over, nothing to reveal');
  });

  test('a hand-over armed with a switch says so: its copied exchange carries what the switch spoiled', async () => {
    await runWebServerFlow(stack, client);
    const before = await pageOf('/result');
    const token = before.legs.find((leg) => leg.leg === 'token');
    assert.ok(token, 'the token request is a leg of the result page');
    const { redirect } = (await (await fresh(token.id, before.csrf)).json()) as { redirect: string };
    const armed = await client.post(`${stack.appUrl}/teaching/break-it`, {
      _csrf: before.csrf,
      flow: 'web-server',
      faults: 'wrong-redirect-uri',
    });
    assert.equal(armed.status, 303);
    const callback = await client.get(await authorizeViaApp(stack, client, redirect));
    assert.equal(callback.headers.get('location'), '/flows/web-server#handed-over');
    const page = await (await client.get(`${stack.appUrl}/flows/web-server`)).text();
    assert.match(page, /it was handed to you, not exchanged/);
    assert.match(page, /This attempt was armed to send another redirect_uri at the code exchange\./);
    assert.match(page, /--data-urlencode redirect_uri=https:\/\/localhost:\d+\/wrong-callback/);
  });
});
