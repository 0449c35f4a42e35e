// Sessions are made only when a page stores something: a visitor who only looks gets no session and no session
// cookie, and the first thing stored (arming a fault, starting a flow) makes one that later requests find. A session
// ended by a logout stays ended, whatever request was still running on it.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { csrfTokenOf } from '../support/attacks.ts';
import { EmulatorFaults } from '../support/faults.ts';
import { postForm, runWebServerFlow } from '../support/flows.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const sessionCookie = (answer: { headers: { get(name: string): string | null } }) =>
  /(^|, )playground\.sid=/.test(answer.headers.get('set-cookie') ?? '');

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
    assert.equal(client.cookie('localhost', 'playground.sid'), undefined);
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

  test('a logout stays a logout when a token tool started before it ends after it', async () => {
    const client = new TestClient();
    assert.equal((await runWebServerFlow(stack, client)).location, '/result');
    const faults = new EmulatorFaults(stack.emulatorServer!);
    const userinfo = faults.hold('/services/oauth2/userinfo');
    try {
      const tool = postForm(stack, client, '/result', '/result/tools', { tool: 'userinfo' });
      await userinfo.arrived;
      const logout = await postForm(stack, client, '/result', '/logout');
      assert.equal(logout.status, 303);
      userinfo.release();
      assert.equal((await tool).status, 303);
    } finally {
      await faults.restore();
    }
    // The tool's answer gave the browser its old session id again: that session is gone, not saved back.
    assert.equal((await client.get(`${stack.appUrl}/result`)).status, 401);
    assert.doesNotMatch(
      (await client.get(`${stack.appUrl}/signed-out`)).headers.get('location') ?? '',
      /\/result/,
    );
  });

  test('a logout stays a logout when a refresh started before it ends after it', async () => {
    const client = new TestClient();
    assert.equal((await runWebServerFlow(stack, client)).location, '/result');
    const faults = new EmulatorFaults(stack.emulatorServer!);
    // Salesforce has refreshed (new tokens exist) when the logout comes; its answer arrives after the logout's.
    const token = faults.holdAnswers('/services/oauth2/token');
    try {
      const refresh = postForm(stack, client, '/flows/refresh-token', '/flows/refresh-token');
      await token.answered;
      assert.equal((await postForm(stack, client, '/result', '/logout')).status, 303);
      token.release();
      assert.notEqual(
        (await refresh).headers.get('location'),
        '/result',
        'the refresh did not sign in again',
      );
    } finally {
      token.release();
      await faults.restore();
    }
    assert.equal((await client.get(`${stack.appUrl}/result`)).status, 401);
  });

  test("a refresh keeps the session id, so the forms of the visitor's other tabs still send", async () => {
    const client = new TestClient();
    assert.equal((await runWebServerFlow(stack, client)).location, '/result');
    const otherTab = await (await client.get(`${stack.appUrl}/result`)).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(otherTab)?.[1] ?? '';
    const refreshed = await postForm(stack, client, '/flows/refresh-token', '/flows/refresh-token');
    assert.equal(refreshed.headers.get('location'), '/result');
    const query = await client.post(`${stack.appUrl}/result/query`, {
      _csrf: csrf,
      soql: 'SELECT Id FROM Account',
    });
    assert.equal(query.status, 303, 'the other tab’s form is not "expired"');
  });
});
