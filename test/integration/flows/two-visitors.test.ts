// Two visitors signed in at once, kept apart: each sees and reveals only their own token, and shares only what is
// public (the API versions an earlier sign-in listed).
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../support/http.ts';
import { postForm, resultWithToken, runWebServerFlow } from '../../support/flows.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';
import { NEWEST_VERSION } from '../../../server/emulator/rest/versions.ts';

describe('JWT bearer and user-agent flows', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());
  test('two browsers signed in as different users never see each other’s token', async () => {
    const admin = new TestClient();
    const standard = new TestClient();
    await runWebServerFlow(stack, admin);
    await runWebServerFlow(stack, standard, { username: 'standard@playground.local' });
    const a = await resultWithToken(stack, admin);
    const s = await resultWithToken(stack, standard);
    assert.match(a.page, /admin@playground\.local/);
    assert.match(s.page, /standard@playground\.local/);
    assert.doesNotMatch(s.page, /admin@playground\.local/);
    assert.notEqual(a.token, s.token);
    for (const view of [a, s]) {
      assert.ok(!view.page.includes(a.token) && !view.page.includes(s.token), 'no full token in any page');
    }
  });

  test('a later sign-in, in any browser, uses the API version an earlier one listed, and says when it was listed', async () => {
    const first = new TestClient();
    await runWebServerFlow(stack, first);
    await first.get(`${stack.appUrl}/result`); // lists the versions, unless an earlier test's sign-in did today
    const later = new TestClient();
    assert.equal(
      (await postForm(stack, later, '/flows/jwt', '/flows/jwt')).headers.get('location'),
      '/result',
    );
    const page = await (await later.get(`${stack.appUrl}/result`)).text();
    assert.doesNotMatch(page, /data-leg="versions"/);
    assert.match(page, /data-leg="identity"/);
    assert.match(page, /data-leg="query"/);
    assert.match(page, /<td>Acme Inc\.<\/td>/);
    const note = new RegExp(
      `API version</dt><dd>v${NEWEST_VERSION}\\.0<span class="when">, the newest that GET /services/data/ listed at ([^,]+), for an earlier sign-in: the list is public`,
    ).exec(page);
    assert.ok(note, 'the version says where it came from');
    assert.ok(Date.now() - Date.parse(note[1]) < 60_000, `listed just now, not at ${note[1]}`);
  });

  test('the take-home box before Reveal is the same for two users, with neither token; Reveal gives each their own', async () => {
    const [admin, standard] = [new TestClient(), new TestClient()];
    await runWebServerFlow(stack, admin);
    await runWebServerFlow(stack, standard, { username: 'standard@playground.local' });
    const box = (page: string) =>
      /<details class="take-home" id="take-home-token"[\s\S]*?<\/details>/.exec(page)?.[0] ?? '';
    const pages = [
      await (await admin.get(`${stack.appUrl}/result`)).text(),
      await (await standard.get(`${stack.appUrl}/result`)).text(),
    ];
    assert.match(box(pages[0]), /Authorization: Bearer \$SF_ACCESS_TOKEN/);
    assert.equal(box(pages[1]), box(pages[0]));
    for (const [client, page] of [
      [admin, pages[0]],
      [standard, pages[1]],
    ] as const) {
      const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(page)?.[1] ?? '';
      const answer = await client.request(`${stack.appUrl}/result/reveal`, {
        method: 'POST',
        headers: { 'x-csrf-token': csrf },
      });
      const { access_token: token, snippets } = (await answer.json()) as {
        access_token: string;
        snippets: { snippets: { target: string; text?: string }[] };
      };
      assert.ok(!box(pages[0]).includes(token), 'no token in the box before Reveal');
      const curl = snippets.snippets.find((snippet) => snippet.target === 'curl')?.text ?? '';
      assert.ok(curl.includes(token), 'Reveal copies the visitor’s own token');
    }
  });

  test('refuses a reveal without the session’s CSRF token', async () => {
    const client = new TestClient();
    await runWebServerFlow(stack, client);
    const answer = await client.request(`${stack.appUrl}/result/reveal`, {
      method: 'POST',
      headers: { 'x-csrf-token': 'guess' },
    });
    assert.equal(answer.status, 403);
  });
});
