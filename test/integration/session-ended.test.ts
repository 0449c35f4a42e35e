// A form or a login's callback sent with a session the playground no longer has (it restarted, keeping sessions in
// memory; or the session went 2 hours unused) says that the session ended, not that the visitor signed in or out
// somewhere, or that the login was a stranger's; a sign-in whose answer the browser never got says that.
import assert from '../support/assert.ts';
import { test } from 'node:test';
import { csrfTokenOf } from '../support/attacks.ts';
import { authorizeViaApp, postForm, runWebServerFlow } from '../support/flows.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack } from '../support/stack.ts';

test('a form sent after a restart says the session ended, and nothing else is blamed', async () => {
  const visitor = new TestClient();
  const before = await startTestStack();
  let token: string;
  try {
    assert.equal((await runWebServerFlow(before, visitor)).location, '/result');
    token = await csrfTokenOf(before, visitor, '/result');
  } finally {
    await before.close();
  }
  // The same secret, a new process: the browser still holds the old session cookie (cookies ignore ports).
  const after = await startTestStack();
  try {
    const refused = await visitor.post(`${after.appUrl}/logout`, { _csrf: token });
    assert.equal(refused.status, 403);
    const html = await refused.text();
    assert.match(html, /Session ended/);
    assert.match(
      html,
      /the playground restarted \(it keeps sessions in its memory unless REDIS_URL is set\)/,
    );
    assert.doesNotMatch(html, /loaded before you signed in or out/);
    // The result page, reloaded, says why there is no token.
    const result = await visitor.get(`${after.appUrl}/result`);
    assert.equal(result.status, 401);
    assert.match(await result.text(), /Your session here has ended: the playground restarted/);
    // A form from before a sign-in in this process is still the other case: the browser's session is known now.
    const start = await visitor.get(`${after.appUrl}/flows/web-server/start`);
    assert.equal(start.status, 302);
    const stale = await visitor.post(`${after.appUrl}/logout`, { _csrf: token });
    assert.equal(stale.status, 403);
    assert.match(await stale.text(), /Form expired/);
    assert.match(
      await (await visitor.get(`${after.appUrl}/result`)).text(),
      /There is no token in your session/,
    );
    // And a fresh page's form works.
    assert.equal((await postForm(after, visitor, '/flows/web-server', '/logout')).status, 303);
  } finally {
    await after.close();
  }
});

test('a form from a page loaded before a restart with SESSION_SECRET unset names the restart, not a sign-in', async () => {
  // Only looking at a flow page makes no session: the form's token is all that ties it to the earlier start.
  const visitor = new TestClient();
  const unset = { SESSION_SECRET: '' };
  const before = await startTestStack(unset);
  let token: string;
  try {
    token = await csrfTokenOf(before, visitor, '/flows/client-credentials');
  } finally {
    await before.close();
  }
  const after = await startTestStack(unset);
  try {
    const refused = await visitor.post(`${after.appUrl}/flows/client-credentials`, { _csrf: token });
    assert.equal(refused.status, 403);
    const html = await refused.text();
    assert.match(html, /Form expired/);
    assert.match(html, /before the playground last restarted \(with SESSION_SECRET unset/);
  } finally {
    await after.close();
  }
  // With SESSION_SECRET set, forms outlive a restart: a refused one was not refused for that.
  const kept = await startTestStack();
  try {
    const html = await (await visitor.post(`${kept.appUrl}/flows/client-credentials`, { _csrf: 'x' })).text();
    assert.match(html, /Form expired/);
    assert.doesNotMatch(html, /restarted/);
  } finally {
    await kept.close();
  }
});

test('a login that comes back after a restart took its session is said to have lost it, not to be a stranger', async () => {
  const visitor = new TestClient();
  const before = await startTestStack();
  let callback: URL;
  try {
    // At Salesforce, allowed, about to come back: the playground restarts now (an edit under npm run dev).
    callback = new URL(await authorizeViaApp(before, visitor, '/flows/web-server/start'));
  } finally {
    await before.close();
  }
  const after = await startTestStack();
  try {
    const back = await visitor.get(`${after.appUrl}${callback.pathname}${callback.search}`);
    assert.equal(back.status, 303);
    const page = await (await visitor.get(`${after.appUrl}/flows/web-server`)).text();
    assert.ok(
      page.includes(
        '<code>session_lost</code>: <code>the session that started this login ended while it was at Salesforce, and the login went with it</code>',
      ),
    );
    assert.match(page, /The login&#39;s session ended while it was at Salesforce/);
    assert.doesNotMatch(page, /state_mismatch/);
  } finally {
    await after.close();
  }
});

test('a sign-in whose answer never reached the browser (the callback left mid-way) is said to be so', async () => {
  const stack = await startTestStack();
  try {
    const visitor = new TestClient();
    const callbackUrl = await authorizeViaApp(stack, visitor, '/flows/web-server/start');
    // The callback runs to the end at the app, but the browser, reloaded meanwhile, never gets its new cookie.
    assert.equal((await visitor.lostAnswer(callbackUrl)).status, 303);
    // The result page asks once more (the answer could have been on its way); the browser still has the old id.
    const first = await visitor.get(`${stack.appUrl}/result`);
    assert.equal(first.status, 303);
    assert.equal(first.headers.get('location'), '/result?retried=1');
    const result = await visitor.get(`${stack.appUrl}/result?retried=1`);
    assert.equal(result.status, 401);
    assert.match(
      await result.text(),
      /a sign-in finished here, but its answer never reached this browser \(the page was reloaded or left while it ran\)/,
    );
  } finally {
    await stack.close();
  }
});
