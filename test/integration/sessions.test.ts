// Sessions are made only when a page stores something: a visitor who only looks gets no session and no session
// cookie, and the first thing stored (arming a fault, starting a flow) makes one that later requests find.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { csrfTokenOf } from '../support/attacks.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const sessionCookie = (answer: { headers: { get(name: string): string | null } }) =>
  /(^|, )__Host-playground\.sid=/.test(answer.headers.get('set-cookie') ?? '');

describe('sessions made on first write', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  test('looking at pages without a session cookie makes no session', async () => {
    const client = new TestClient();
    for (const page of ['/', '/flows/jwt', '/flows/web-server', '/setup', '/result']) {
      const answer = await client.get(`${stack.appUrl}${page}`);
      assert.ok(answer.status === 200 || answer.status === 401, `${page}: ${answer.status}`);
      assert.equal(sessionCookie(answer), false, `${page} set no session cookie`);
    }
    assert.equal(client.cookie('localhost', '__Host-playground.sid'), undefined);
  });

  test('arming a fault makes the session, and the next page finds the fault in it', async () => {
    const client = new TestClient();
    const csrf = await csrfTokenOf(stack, client, '/flows/jwt');
    const armed = await client.post(`${stack.appUrl}/teaching/break-it`, {
      _csrf: csrf,
      flow: 'jwt',
      faults: 'expired-exp',
    });
    assert.equal(armed.status, 303);
    assert.equal(sessionCookie(armed), true, 'the first write sets the session cookie');
    const page = await (await client.get(`${stack.appUrl}/flows/jwt`)).text();
    assert.match(page, /<strong>Next attempt will:<\/strong> sign an assertion that expired 5 minutes ago/);
  });

  test('a flow started without a session cookie keeps its pending login for the callback', async () => {
    const client = new TestClient();
    const start = await client.get(`${stack.appUrl}/flows/web-server/start`);
    assert.equal(start.status, 302);
    assert.equal(sessionCookie(start), true);
    const state = new URL(start.headers.get('location') ?? '').searchParams.get('state');
    const callback = await client.get(`${stack.config.callbackUrl}?error=access_denied&state=${state}`);
    assert.equal(callback.status, 303);
    const page = await (await client.get(`${stack.appUrl}/flows/web-server`)).text();
    assert.match(page, /<code>access_denied<\/code>/, 'the callback found its transaction in the session');
  });
});
