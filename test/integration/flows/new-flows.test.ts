// The app's four newer flows end to end over HTTPS against the emulator (client credentials, username-password,
// refresh token, device), each break-it switch ending on its explained error.
import type { Fault, FlowName } from '../../../server/attempts/attempt.ts';
import { faultWords } from '../../../server/teaching/faults.ts';
import { escapeHtml } from '../../support/html.ts';
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { ADMIN_ID, changeSettings } from '../../support/emulator-api.ts';
import { answerDeviceCode } from '../../support/device.ts';
import { assertExplained, postForm, runWebServerFlow } from '../../support/flows.ts';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('the newer flows through the app', () => {
  let stack: TestStack;
  let clock = Date.parse('2026-11-20T10:00:00Z');
  const client = new TestClient();
  const page = async (path: string) => (await client.get(`${stack.appUrl}${path}`)).text();
  const run = async (flowPath: string, form: Record<string, string> = {}) =>
    (await postForm(stack, client, flowPath, flowPath, form)).headers.get('location');
  const arm = async (flowPath: string, flow: string, fault: string) => {
    await postForm(stack, client, flowPath, '/teaching/break-it', { flow, faults: fault });
    const [words] = faultWords(flow as FlowName, [fault as Fault]);
    assert.ok(
      (await page(flowPath)).includes(`<strong>Next attempt will:</strong> ${escapeHtml(words)}.`),
      fault,
    );
  };
  const lastTokenCall = () => stack.emulator?.received.filter((r) => r.path === '/token').at(-1);

  before(async () => {
    stack = await startTestStack({}, { now: () => clock });
  });
  after(() => stack.close());

  describe('client credentials', () => {
    test('without a Run As user the org answers no client credentials user enabled, explained', async () => {
      assert.equal(await run('/flows/client-credentials'), '/flows/client-credentials#teaching-heading');
      assertExplained(await page('/flows/client-credentials'), {
        error: 'invalid_grant',
        description: 'no client credentials user enabled',
        title: 'The app has no Run As user for client credentials',
      });
    });

    test('with a Run As user, one POST to My Domain signs in and the result page queries the instance', async () => {
      await changeSettings(stack, { runAsUserId: ADMIN_ID });
      assert.equal(await run('/flows/client-credentials'), '/result');
      const call = lastTokenCall();
      assert.equal(call?.headers.host, new URL(stack.instanceUrl).host);
      assert.equal(call?.params.grant_type, 'client_credentials');
      const result = await page('/result');
      assert.match(result, /<td>Acme Inc\.<\/td>/);
      assert.equal(await run('/flows/client-credentials', { authentication: 'basic' }), '/result');
      assert.match(lastTokenCall()?.headers.authorization ?? '', /^Basic /);
    });

    for (const [fault, error, description, title] of [
      [
        'login-host',
        'invalid_grant',
        'request not supported on this domain',
        'The client credentials flow must call your My Domain',
      ],
      ['wrong-secret', 'invalid_client', 'invalid client credentials', 'The client secret is wrong'],
      [
        'no-run-as',
        'invalid_grant',
        'no client credentials user enabled',
        'The app has no Run As user for client credentials',
      ],
    ]) {
      test(`break it: ${fault} ends on ${description}, explained`, async () => {
        await arm('/flows/client-credentials', 'client-credentials', fault);
        assert.equal(await run('/flows/client-credentials'), '/flows/client-credentials#teaching-heading');
        assertExplained(await page('/flows/client-credentials'), { error, description, title, fault });
      });
    }
  });

  describe('username-password', () => {
    const credentials = async () => {
      const home = await (await client.get(`${stack.emulatorUrl}/`)).text();
      const token = new RegExp(`data-security-token="${stack.config.username}">([A-Za-z0-9]+)<`).exec(
        home,
      )?.[1];
      assert.ok(token, 'the emulator home page lists the security token');
      return {
        username: stack.config.username,
        password: stack.config.emulator.password,
        securityToken: token,
      };
    };

    test('blocked by default: authentication failure, explained as the org’s setting first', async () => {
      assert.equal(
        await run('/flows/username-password', await credentials()),
        '/flows/username-password#teaching-heading',
      );
      const html = await page('/flows/username-password');
      assertExplained(html, {
        error: 'invalid_grant',
        description: 'authentication failure',
        title: 'Salesforce refused the username-password login',
      });
      const tokenLeg = /data-entry="([^"]+)" data-leg="token"/.exec(html)?.[1];
      assert.ok(tokenLeg, 'the token request is a leg of the page');
      const leg = await page(`/teaching/legs/${tokenLeg}?part=body`);
      assert.match(leg, /data-field="param-password">••••••</, 'the password is never shown');
      for (const shown of [html, leg])
        assert.ok(!shown.includes(stack.config.emulator.password + (await credentials()).securityToken));
    });

    test('allowed in Setup, the password plus security token signs in', async () => {
      await changeSettings(stack, { allowUsernamePassword: 'on' });
      assert.equal(await run('/flows/username-password', await credentials()), '/result');
      assert.match(await page('/result'), /<td>Acme Inc\.<\/td>/);
    });

    for (const fault of ['no-security-token', 'wrong-password']) {
      test(`break it: ${fault} ends on authentication failure, explained`, async () => {
        await arm('/flows/username-password', 'username-password', fault);
        assert.equal(
          await run('/flows/username-password', await credentials()),
          '/flows/username-password#teaching-heading',
        );
        assertExplained(await page('/flows/username-password'), {
          error: 'invalid_grant',
          description: 'authentication failure',
          title: 'Salesforce refused the username-password login',
          fault,
        });
      });
    }
  });

  describe('refresh token', () => {
    test('with rotation on, each refresh brings a new refresh token; reusing the replaced one revokes the grant, explained', async () => {
      await changeSettings(stack, { refreshTokenRotation: 'on' });
      await runWebServerFlow(stack, client);
      assert.equal(await run('/flows/refresh-token'), '/result');
      assert.match(await page('/result'), /<td>Acme Inc\.<\/td>/);
      await arm('/flows/refresh-token', 'refresh-token', 'reuse-refresh-token');
      assert.equal(await run('/flows/refresh-token'), '/flows/refresh-token#teaching-heading');
      assertExplained(await page('/flows/refresh-token'), {
        error: 'invalid_grant',
        description: 'expired access/refresh token',
        title: 'That refresh token no longer works',
        fault: 'reuse-refresh-token',
      });
      assert.equal(
        await run('/flows/refresh-token'),
        '/flows/refresh-token#teaching-heading',
        'the current one went with the family',
      );
      await changeSettings(stack, { refreshTokenRotation: undefined });
    });

    for (const [fault, error, description, title] of [
      [
        'revoked-refresh-token',
        'invalid_grant',
        'expired access/refresh token',
        'That refresh token no longer works',
      ],
      ['wrong-secret', 'invalid_client', 'invalid client credentials', 'The client secret is wrong'],
      [
        'no-secret',
        'invalid_client',
        'invalid client credentials',
        'The app requires the client secret to refresh, and none was sent',
      ],
    ]) {
      test(`break it: ${fault} ends on ${description}, explained`, async () => {
        await runWebServerFlow(stack, client);
        await arm('/flows/refresh-token', 'refresh-token', fault);
        assert.equal(await run('/flows/refresh-token'), '/flows/refresh-token#teaching-heading');
        assertExplained(await page('/flows/refresh-token'), { error, description, title, fault });
      });
    }
  });

  describe('device', () => {
    const poll = async () =>
      (await postForm(stack, client, '/flows/device', '/flows/device/poll')).headers.get('location');
    /** The user on another screen: the code the page shows, at the verification URL it links. */
    const allowOnOtherScreen = async () => {
      const html = await page('/flows/device');
      const userCode = /<code id="user-code">([A-Z0-9]{8})<\/code>/.exec(html)?.[1] ?? '';
      const verificationUri = /Open <a href="([^"]+)"/.exec(html)?.[1] ?? '';
      assert.equal(verificationUri, `${stack.emulatorUrl}/setup/connect`);
      assert.match((await answerDeviceCode(stack, verificationUri, userCode)).html, /You're connected/);
    };

    test('shows the code, polls authorization_pending until allowed, honours interval, then signs in', async () => {
      assert.equal(await run('/flows/device'), '/flows/device');
      assert.equal(await poll(), '/flows/device');
      assert.equal(lastTokenCall()?.params.grant_type, 'device');
      const polls = stack.emulator?.received.filter((r) => r.params.grant_type === 'device').length;
      await allowOnOtherScreen();
      assert.equal(await poll(), '/flows/device', 'too soon: the app waits for interval');
      assert.equal(stack.emulator?.received.filter((r) => r.params.grant_type === 'device').length, polls);
      clock += 5_000;
      assert.equal(await poll(), '/result');
      assert.match(await page('/result'), /<td>Acme Inc\.<\/td>/);
    });

    test('two polls at once (the page’s timer and Check now) reach Salesforce once, and the sign-in stands', async () => {
      assert.equal(await run('/flows/device'), '/flows/device');
      await allowOnOtherScreen();
      clock += 5_000;
      const devicePolls = () =>
        stack.emulator?.received.filter((r) => r.params.grant_type === 'device').length;
      const before = devicePolls();
      // Two connections open before the polls leave, so both reach the app at once. Otherwise the second one waits
      // for a TLS handshake of its own, and on a busy machine arrives after the first has signed in and replaced
      // the session: its cookie and form token then belong to a session that no longer exists (a 403, as for any
      // form of a page older than a sign-in), and the test would not be about two polls at once.
      const [html] = await Promise.all([page('/flows/device'), page('/flows/device')]);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
      const pollNow = () => client.post(`${stack.appUrl}/flows/device/poll`, { _csrf: csrf });
      const answers = await Promise.all([pollNow(), pollNow()]);
      assert.deepEqual(
        answers.map((answer) => answer.status),
        [303, 303],
        `both polls redirect; the answers went to ${answers.map((answer) => answer.headers.get('location')).join(' and ')}`,
      );
      assert.equal(devicePolls(), (before ?? 0) + 1, 'one poll reached the token endpoint');
      assert.match(await page('/result'), /<td>Acme Inc\.<\/td>/);
    });

    test('break it: device-blocked ends on device flow is not enabled for the app, explained', async () => {
      await arm('/flows/device', 'device', 'device-blocked');
      assert.equal(await run('/flows/device'), '/flows/device#teaching-heading');
      assertExplained(await page('/flows/device'), {
        error: 'invalid_grant',
        description: 'device flow is not enabled for the app',
        title: 'The device flow is blocked for this app',
        fault: 'device-blocked',
      });
    });

    test('break it: rfc-grant-type ends on grant type not supported, explained', async () => {
      await arm('/flows/device', 'device', 'rfc-grant-type');
      assert.equal(await run('/flows/device'), '/flows/device');
      await allowOnOtherScreen();
      clock += 5_000;
      assert.equal(await poll(), '/flows/device#teaching-heading');
      assertExplained(await page('/flows/device'), {
        error: 'unsupported_grant_type',
        description: 'grant type not supported',
        title: "Salesforce's device flow has its own grant_type",
        fault: 'rfc-grant-type',
      });
    });

    test('break it: poll-too-fast gets slow_down, shown as a failed interval check, and polling slows by 5 s', async () => {
      await arm('/flows/device', 'device', 'poll-too-fast');
      assert.equal(await run('/flows/device'), '/flows/device');
      assert.equal(await poll(), '/flows/device');
      assert.equal(await poll(), '/flows/device');
      const html = await page('/flows/device');
      assert.match(
        html,
        /Failed: polling interval check\.<\/strong> This poll came 0\.0 s after the last one; Salesforce asked for 5 s and answered slow_down\. Polls now wait 10 s\./,
      );
      assert.match(html, /data-interval="10"/);
    });
  });
});
