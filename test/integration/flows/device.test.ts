// The device flow end to end over HTTPS against the emulator: the code shown, polling at the interval Salesforce
// asks for until the user allows on another screen, and each break-it switch ending on its explained error.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { answerDeviceCode } from '../../support/device.ts';
import { assertExplained } from '../../support/flows.ts';
import { lastTokenCall as lastCallOf, visitorOnClock } from '../../support/visitor.ts';

describe('the device flow through the app', () => {
  const timed = visitorOnClock();
  const { visitor } = timed;
  const { client } = visitor;
  const page = (path: string) => visitor.page(path);
  const run = (flowPath: string) => visitor.run(flowPath);
  const arm = (flowPath: string, flow: string, fault: string) => visitor.arm(flowPath, flow, fault);
  const lastTokenCall = () => lastCallOf(timed.stack);

  const poll = () => visitor.pollDevice();
  const allowOnOtherScreen = () => visitor.allowDeviceCodeElsewhere();

  test('shows the code, polls authorization_pending until allowed, honours interval, then signs in', async () => {
    // The page opens at the code, and its title says there is one to enter.
    assert.equal(await run('/flows/device'), '/flows/device#code-heading');
    assert.match(
      await page('/flows/device'),
      /<title>Device flow: enter the code ·[^<]*<\/title>[\s\S]*id="code-heading"/,
    );
    assert.equal(await poll(), '/flows/device#code-heading');
    assert.equal(lastTokenCall()?.params.grant_type, 'device');
    // The poll's 400 is the flow waiting, not failing: its transcript line says so, out of the failure's colour.
    const waiting = await page('/flows/device');
    // The sequence shows the approval and the polls under way, not a poll "Done" before an approval "Not reached".
    assert.equal((waiting.match(/data-state="waiting"/g) ?? []).length, 2);
    assert.doesNotMatch(waiting, /data-state="not-reached"[\s\S]*?Poll/);
    assert.match(
      waiting,
      /token \(poll\) · <code>POST<\/code> · <span class="skipped">HTTP 400<\/span> · <span class="skipped">not yet: authorization_pending, the answer to every poll until the user allows or denies<\/span>/,
    );
    const polls = timed.stack.emulator?.received.filter((r) => r.params.grant_type === 'device').length;
    await allowOnOtherScreen();
    assert.equal(await poll(), '/flows/device#code-heading', 'too soon: the app waits for interval');
    assert.equal(
      timed.stack.emulator?.received.filter((r) => r.params.grant_type === 'device').length,
      polls,
    );
    timed.clock += 5_000;
    assert.equal(await poll(), '/result');
    assert.match(await page('/result'), /<td>Acme Inc\.<\/td>/);
  });

  test('a page still showing a code that another tab replaced is reloaded, not answered for the new code', async () => {
    assert.equal(await run('/flows/device'), '/flows/device#code-heading');
    const firstTab = await page('/flows/device');
    const shown = /<code id="user-code">([A-Z0-9]{8})<\/code>/.exec(firstTab)?.[1] ?? '';
    assert.equal(
      await run('/flows/device'),
      '/flows/device#code-heading',
      'another tab starts the flow again',
    );
    const polls = timed.stack.emulator?.received.filter((r) => r.params.grant_type === 'device').length;
    timed.clock += 5_000;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(firstTab)?.[1] ?? '';
    const stale = await client.request(`${timed.stack.appUrl}/flows/device/poll`, {
      method: 'POST',
      headers: { accept: 'application/json', 'x-csrf-token': csrf },
      body: new URLSearchParams({ user_code: shown }),
    });
    assert.deepEqual(await stale.json(), { redirect: '/flows/device' });
    assert.equal(
      timed.stack.emulator?.received.filter((r) => r.params.grant_type === 'device').length,
      polls,
    );
    assert.doesNotMatch(await page('/flows/device'), new RegExp(`<code id="user-code">${shown}<`));
  });

  test('two polls at once (the page’s timer and Check now) reach Salesforce once, and the sign-in stands', async () => {
    assert.equal(await run('/flows/device'), '/flows/device#code-heading');
    await allowOnOtherScreen();
    timed.clock += 5_000;
    const devicePolls = () =>
      timed.stack.emulator?.received.filter((r) => r.params.grant_type === 'device').length;
    const before = devicePolls();
    // Two connections open before the polls leave, so both reach the app at once. Otherwise the second one waits
    // for a TLS handshake of its own, and on a busy machine arrives after the first has signed in and replaced
    // the session: its cookie and form token then belong to a session that no longer exists (a 403, as for any
    // form of a page older than a sign-in), and the test would not be about two polls at once.
    const [html] = await Promise.all([page('/flows/device'), page('/flows/device')]);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const pollNow = () => client.post(`${timed.stack.appUrl}/flows/device/poll`, { _csrf: csrf });
    const answers = await Promise.all([pollNow(), pollNow()]);
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [303, 303],
      `both polls redirect; the answers went to ${answers.map((answer) => answer.headers.get('location')).join(' and ')}`,
    );
    assert.equal(devicePolls(), (before ?? 0) + 1, 'one poll reached the token endpoint');
    assert.match(await page('/result'), /<td>Acme Inc\.<\/td>/);
  });

  test('approved in time but polled after the 10 minutes (a background tab): Salesforce decides, and the page says which', async () => {
    assert.equal(await run('/flows/device'), '/flows/device#code-heading');
    timed.clock += 5_000;
    assert.equal(await poll(), '/flows/device#code-heading');
    timed.clock += 9.5 * 60_000;
    await allowOnOtherScreen();
    timed.clock += 60_000; // a hidden tab's timers fire once a minute
    const polls = timed.stack.emulator?.received.filter((r) => r.params.grant_type === 'device').length ?? 0;
    assert.equal(await poll(), '/flows/device#teaching-heading');
    assert.equal(
      timed.stack.emulator?.received.filter((r) => r.params.grant_type === 'device').length,
      polls + 1,
      'the poll was sent: the org, not the app, says the code is spent',
    );
    const html = await page('/flows/device');
    assertExplained(html, {
      error: 'expired_token',
      description: 'expired device code',
      title: 'The device code expired',
    });
    assert.match(html, /or the approval came but no poll followed before the 10 minutes ended/);
  });

  test('denied on the other screen: access_denied, explained as RFC 8628’s answer, with no pre-authorization to ask for', async () => {
    assert.equal(await run('/flows/device'), '/flows/device#code-heading');
    const html = await page('/flows/device');
    const userCode = /<code id="user-code">([A-Z0-9]{8})<\/code>/.exec(html)?.[1] ?? '';
    const denied = await answerDeviceCode(
      timed.stack,
      `${timed.stack.emulatorUrl}/setup/connect`,
      userCode,
      'deny',
    );
    assert.match(denied.html, /Access denied/);
    timed.clock += 5_000;
    assert.equal(await poll(), '/flows/device#teaching-heading');
    const explained = await page('/flows/device');
    assertExplained(explained, {
      error: 'access_denied',
      description: 'end-user denied authorization',
      title: 'The user clicked Deny',
    });
    // The device flow's denial code is RFC 8628's: Salesforce's own is unconfirmed, and the page says so.
    assert.match(explained, /access_denied is RFC 8628&#39;s answer to a denial/);
    // The verification page always asks, so pre-authorizing the app is no cure here.
    assert.doesNotMatch(explained, /pre-authorize the app/);
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
    assert.equal(await run('/flows/device'), '/flows/device#code-heading');
    await allowOnOtherScreen();
    timed.clock += 5_000;
    assert.equal(await poll(), '/flows/device#teaching-heading');
    assertExplained(await page('/flows/device'), {
      error: 'unsupported_grant_type',
      description: 'grant type not supported',
      title: "Salesforce's device flow has its own grant_type",
      fault: 'rfc-grant-type',
    });
  });

  test('armed to poll too fast, allowed before a second poll: signs in with no slow_down, and does not claim one', async () => {
    await arm('/flows/device', 'device', 'poll-too-fast');
    assert.equal(await run('/flows/device'), '/flows/device#code-heading');
    // The learner allowed the code on the other screen before the page polled at all (it was left, or in the background).
    await allowOnOtherScreen();
    assert.equal(await poll(), '/result');
    const result = await page('/result');
    assert.doesNotMatch(result, /Salesforce answered slow_down/);
    assert.match(
      result,
      /<p class="notice armed-accepted">Armed to poll without waiting for interval, yet it succeeded: no poll was answered slow_down/,
    );
  });

  test('break it: poll-too-fast gets slow_down, shown as a failed interval check, and polling slows by 5 s', async () => {
    await arm('/flows/device', 'device', 'poll-too-fast');
    assert.equal(await run('/flows/device'), '/flows/device#code-heading');
    // The page polls after a second, not after the interval, and is told to come back in a second, not in 5.
    const started = await page('/flows/device');
    assert.match(started, /data-interval="5" data-first-poll="1"/);
    const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(started)?.[1] ?? '';
    const userCode = /<code id="user-code">([A-Z0-9]{8})<\/code>/.exec(started)?.[1] ?? '';
    const pollAsPage = await client.request(`${timed.stack.appUrl}/flows/device/poll`, {
      method: 'POST',
      headers: { accept: 'application/json', 'x-csrf-token': csrf },
      body: new URLSearchParams({ user_code: userCode }),
    });
    assert.deepEqual(await pollAsPage.json(), { pending: true, retryInS: 1 });
    assert.equal(await poll(), '/flows/device#code-heading');
    const html = await page('/flows/device');
    assert.match(
      html,
      /Failed: polling interval check\.<\/strong> This poll came 0\.0 s after the last one; Salesforce asked for 5 s and answered slow_down\. Polls now wait 10 s\./,
    );
    // Told to slow down, it obeys from then on.
    assert.match(html, /data-interval="10" data-first-poll="10"/);
  });
});
