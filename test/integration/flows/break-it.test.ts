// Each "break it" switch makes the next attempt fail for real at the emulator, and the page explains why.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import type { Fault } from '../../../server/attempts/attempt.ts';
import { faultWords } from '../../../server/teaching/faults.ts';
import { escapeHtml } from '../../support/html.ts';
import { hiddenValue } from '../../support/emulator-login.ts';
import { TestClient } from '../../support/http.ts';
import { postForm, runUserAgentFlow, runWebServerFlow } from '../../support/flows.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';
import { lastTokenCall, Visitor } from '../../support/visitor.ts';

describe('break it', () => {
  let stack: TestStack;
  const visitor = new Visitor(() => stack);
  const { client } = visitor;
  const arm = (flowPath: string, flow: string, switchId: string) => visitor.arm(flowPath, flow, switchId);
  const lastTokenError = () => lastTokenCall(stack);

  before(async () => {
    stack = await startTestStack();
    await runWebServerFlow(stack, client); // approve the app, so JWT failures come from the faults alone
  });
  after(() => stack.close());

  // A failure a switch caused needs no setting changed (its notice says so): no restart note, even where the fix
  // for the same error met without a switch changes one (SF_AUDIENCE); flows/jwt-approval.test.ts has that case.
  const RESTART = /reads its settings when it starts: after changing one in <code>\.env<\/code>/;
  for (const [switchId, error, title] of [
    ['wrong-aud', 'audience is invalid', 'Wrong aud in the assertion'],
    ['expired-exp', 'expired authorization code', 'The assertion had already expired'],
    ['other-key', 'invalid assertion', 'Salesforce could not verify the assertion'],
  ] as const) {
    test(`JWT: ${switchId} gets "${error}" from the emulator, explained`, async () => {
      await arm('/flows/jwt', 'jwt', switchId);
      const run = await postForm(stack, client, '/flows/jwt', '/flows/jwt');
      assert.equal(run.headers.get('location'), '/flows/jwt#teaching-heading');
      assert.equal(lastTokenError()?.params.grant_type, 'urn:ietf:params:oauth:grant-type:jwt-bearer');
      const page = await (await client.get(`${stack.appUrl}/flows/jwt`)).text();
      assert.match(page, new RegExp(`<code>invalid_grant</code>: <code>${error}</code> \\(HTTP 400\\)`));
      assert.match(page, new RegExp(title));
      assert.doesNotMatch(page, RESTART);
      if (switchId === 'wrong-aud')
        assert.match(page, /Here the org is the local emulator\. It is a production org/);
      const [words] = faultWords('jwt', [switchId as Fault]);
      assert.ok(page.includes(`This attempt failed on purpose: it was armed to ${escapeHtml(words)}.`));
    });
  }

  for (const [switchId, expected, title] of [
    [
      'wrong-redirect-uri',
      '<code>invalid_grant</code>: <code>redirect_uri must match configuration</code>',
      'The redirect_uri of the exchange differs',
    ],
    [
      'replay-code',
      '<code>invalid_grant</code>: <code>expired authorization code</code>',
      'The code was already used or is too old',
    ],
    [
      'missing-verifier',
      '<code>invalid_grant</code>: <code>invalid code verifier</code>',
      'The PKCE verifier does not match the challenge',
    ],
    [
      'tampered-state',
      '<code>state_mismatch</code>',
      'The callback did not come from a login this browser started',
    ],
  ]) {
    test(`web server: ${switchId} shows the real error, explained`, async () => {
      await arm('/flows/web-server', 'web-server', switchId);
      const { location } = await runWebServerFlow(stack, client);
      assert.equal(location, '/flows/web-server#teaching-heading');
      const page = await (await client.get(`${stack.appUrl}/flows/web-server`)).text();
      assert.ok(page.includes(expected), `${expected} not in the page`);
      assert.match(page, new RegExp(title));
      if (switchId === 'missing-verifier') assert.equal(lastTokenError()?.params.code_verifier, undefined);
      if (switchId === 'replay-code') assert.match(page, /token \(replayed code\)/);
      if (switchId === 'tampered-state') assert.match(page, /state sent to authorize was altered on purpose/);
      // Its fix names SF_CALLBACK_URL without changing it ("on the host name SF_CALLBACK_URL names"): no restart.
      if (switchId === 'tampered-state') assert.doesNotMatch(page, RESTART);
    });
  }

  test('user-agent: tampered-state is refused by the app', async () => {
    await arm('/flows/user-agent', 'user-agent', 'tampered-state');
    assert.equal(await runUserAgentFlow(stack, client), '/flows/user-agent#teaching-heading');
    const page = await (await client.get(`${stack.appUrl}/flows/user-agent`)).text();
    assert.match(page, /Failed: state check/);
    assert.match(page, /state sent to authorize was altered on purpose/);
  });

  test('web server: ip-restricted stopped at the login page of Salesforce leaves an attempt that says why it waits', async () => {
    const newcomer = new TestClient(); // no emulator login yet: the fault meets the login page
    const armed = await postForm(stack, newcomer, '/flows/web-server', '/teaching/break-it', {
      flow: 'web-server',
      faults: 'ip-restricted',
    });
    assert.equal(armed.status, 303);
    const start = await newcomer.get(`${stack.appUrl}/flows/web-server/start`);
    const loginPage = await (await newcomer.get(start.headers.get('location') ?? '')).text();
    const refused = await newcomer.post(`${stack.emulatorUrl}/services/oauth2/authorize/login`, {
      request: hiddenValue(loginPage, 'request'),
      username: stack.config.username,
      password: stack.config.emulator.password,
    });
    assert.equal(refused.status, 403);
    assert.match(await refused.text(), /Restricted IP/);
    const page = await (await newcomer.get(`${stack.appUrl}/flows/web-server`)).text();
    assert.match(page, /This attempt is still going/);
    assert.match(
      page,
      /stops the login on a page of its own \(a wrong password, an IP address the\s+profile does not allow/,
    );
    const [words] = faultWords('web-server', ['ip-restricted']);
    assert.ok(page.includes(`This attempt was armed to ${escapeHtml(words)}.`));
    assert.doesNotMatch(page, /failed on purpose/);
  });

  test('an org fault the attempt never reached does not fail a later attempt, another visitor’s or this one’s', async () => {
    // A refused pre-flight uses callback-mismatch and stops there: app-blocked was never reached.
    const learner = new TestClient();
    const flowPage = await (await learner.get(`${stack.appUrl}/flows/web-server`)).text();
    const armed = await learner.request(`${stack.appUrl}/teaching/break-it`, {
      method: 'POST',
      body: new URLSearchParams([
        ['_csrf', hiddenValue(flowPage, '_csrf')],
        ['flow', 'web-server'],
        ['faults', 'callback-mismatch'],
        ['faults', 'app-blocked'],
      ]).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(armed.status, 303);
    const refused = await learner.get(`${stack.appUrl}/flows/web-server/start`);
    assert.equal(refused.headers.get('location'), '/flows/web-server#teaching-heading');
    const other = new TestClient();
    assert.equal(
      (await runWebServerFlow(stack, other)).location,
      '/result',
      'another visitor is not blocked',
    );
    // A login left at Salesforce's login page never comes back; the visitor's next attempt ends it.
    await postForm(stack, learner, '/flows/web-server', '/teaching/break-it', {
      flow: 'web-server',
      faults: 'ip-restricted',
    });
    const abandoned = await learner.get(`${stack.appUrl}/flows/web-server/start`);
    assert.match(abandoned.headers.get('location') ?? '', /\/services\/oauth2\/authorize\?/);
    const elsewhere = await postForm(stack, new TestClient(), '/flows/jwt', '/flows/jwt');
    assert.equal(
      elsewhere.headers.get('location'),
      '/result',
      'another visitor met the waiting login’s fault',
    );
    await learner.get(abandoned.headers.get('location') ?? ''); // still at the login page
    const jwt = await postForm(stack, learner, '/flows/jwt', '/flows/jwt');
    assert.equal(
      jwt.headers.get('location'),
      '/result',
      'the JWT flow met no IP restriction it never asked for',
    );
  });

  test('faults armed on one flow’s page wait for that flow: another flow’s page and attempt leave them', async () => {
    const learner = new TestClient();
    await postForm(stack, learner, '/flows/username-password', '/teaching/break-it', {
      flow: 'username-password',
      faults: 'wrong-password',
    });
    const elsewhere = await (await learner.get(`${stack.appUrl}/flows/client-credentials`)).text();
    assert.doesNotMatch(elsewhere, /<strong>Next attempt will:<\/strong>/);
    assert.doesNotMatch(elsewhere, /value="wrong-password"/);
    // No Run As user here: the attempt fails for that reason alone, and signs nobody in.
    const other = await postForm(stack, learner, '/flows/client-credentials', '/flows/client-credentials');
    assert.equal(other.headers.get('location'), '/flows/client-credentials#teaching-heading');
    const otherPage = await (await learner.get(`${stack.appUrl}/flows/client-credentials`)).text();
    assert.match(otherPage, /no client credentials user enabled/);
    assert.doesNotMatch(otherPage, /armed to/);
    const own = await (await learner.get(`${stack.appUrl}/flows/username-password`)).text();
    const [words] = faultWords('username-password', ['wrong-password']);
    assert.ok(own.includes(`<strong>Next attempt will:</strong> ${escapeHtml(words)}.`), 'still armed');
  });

  test('faults apply once: the next attempt is normal again', async () => {
    const { location } = await runWebServerFlow(stack, client);
    assert.equal(location, '/result');
  });
});
