// A "break it" switch armed for an attempt that stopped before anything went to Salesforce (no password typed, no
// replaced refresh token yet): the page must not say the switch failed it, nor that it ended the login.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import type { Fault } from '../../../server/attempts/attempt.ts';
import { faultWords } from '../../../server/teaching/faults.ts';
import { runWebServerFlow } from '../../support/flows.ts';
import { escapeHtml } from '../../support/html.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';
import { lastTokenCall, Visitor } from '../../support/visitor.ts';

describe('a switch armed for an attempt that never reached Salesforce', () => {
  const at = { stack: undefined as unknown as TestStack };
  const visitor = new Visitor(() => at.stack);
  before(async () => {
    at.stack = await startTestStack();
  });
  after(() => at.stack.close());

  const unsentNotice = (flow: 'refresh-token' | 'username-password', fault: Fault) =>
    `This attempt was armed to ${escapeHtml(faultWords(flow, [fault])[0])}, but stopped before anything was sent to Salesforce`;

  test('reuse with no replaced refresh token: the login and its refresh token are said to be, and are, untouched', async () => {
    await runWebServerFlow(at.stack, visitor.client);
    const calls = at.stack.emulator?.received.length;
    await visitor.arm('/flows/refresh-token', 'refresh-token', 'reuse-refresh-token');
    assert.equal(await visitor.run('/flows/refresh-token'), '/flows/refresh-token#teaching-heading');
    assert.equal(at.stack.emulator?.received.length, calls, 'nothing went to the emulator');
    const html = await visitor.page('/flows/refresh-token');
    assert.ok(html.includes('<code>no_previous_refresh_token</code>'));
    assert.ok(html.includes(unsentNotice('refresh-token', 'reuse-refresh-token')), 'says nothing was sent');
    assert.doesNotMatch(html, /failed on purpose/);
    assert.doesNotMatch(html, /really ended the login's refresh token/);
    // As said: the refresh token still works.
    assert.match(await visitor.page('/result'), /Refresh the access token/);
    assert.equal(await visitor.run('/flows/refresh-token'), '/result');
    assert.equal(lastTokenCall(at.stack)?.params.grant_type, 'refresh_token');
  });

  test('a wrong password armed, with the Password field left empty: stopped by the empty field, not the switch', async () => {
    await visitor.arm('/flows/username-password', 'username-password', 'wrong-password');
    const run = await visitor.run('/flows/username-password', {
      username: 'admin@playground.local',
      password: '',
    });
    assert.equal(run, '/flows/username-password#teaching-heading');
    const html = await visitor.page('/flows/username-password');
    assert.ok(html.includes('<code>password_missing</code>'));
    assert.ok(html.includes(unsentNotice('username-password', 'wrong-password')), 'says nothing was sent');
    assert.doesNotMatch(html, /failed on purpose/);
    assert.doesNotMatch(html, /nothing here or in the app's settings needs changing/);
  });
});
