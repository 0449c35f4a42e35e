// The trouble path's first stops: the setup guide says when to use each of the seven flows, and plain http:// on the
// app's port is redirected to https://.
import assert from '../support/assert.ts';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

describe('the trouble path', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  test('the setup guide says when to use each of the seven flows', async () => {
    const html = await (await new TestClient().get(`${stack.appUrl}/setup`)).text();
    const which = html.slice(html.indexOf('id="which"'));
    for (const flow of [
      'JWT bearer',
      'Web server + PKCE',
      'User-agent',
      'Client credentials',
      'Refresh token',
      'Device',
      'Username-password',
    ]) {
      assert.match(which, new RegExp(`<li><strong>${flow.replace('+', '\\+')}</strong>: `), flow);
    }
    // The uninstalled-app restriction reached every org in September 2025: not a choice some orgs make.
    assert.doesNotMatch(html, /Orgs that block uninstalled apps/);
    assert.match(html, /since\s+September 2025 every org refuses an uninstalled app/);
  });

  test('plain http:// on the app port is answered with a redirect to https://', async () => {
    const answer: http.IncomingMessage = await new Promise((resolve) =>
      http.get(`http://localhost:${stack.app?.port}/flows/jwt?x=1`, resolve),
    );
    answer.resume();
    assert.equal(answer.statusCode, 308);
    assert.equal(answer.headers.location, `https://localhost:${stack.app?.port}/`);
  });
});
