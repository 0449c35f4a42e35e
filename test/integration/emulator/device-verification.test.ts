// Contract tests for the device flow's verification page at /setup/connect: a pre-filled code, "Not you?", and
// hostile verification and multipart requests answered with 400s.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { followLogin, hiddenValue } from '../../support/emulator-login.ts';
import { deviceFlowStack } from '../../support/device-emulator.ts';
import { TestClient } from '../../support/http.ts';

describe('emulator: device flow', () => {
  const device = deviceFlowStack();
  const { start, poll } = device;

  test('the verification page takes a pre-filled code, and "Not you?" asks for another login', async () => {
    const { stack } = device;
    const { body } = await start();
    const browser = new TestClient();
    const form = await browser.get(`${stack.emulatorUrl}/setup/connect?user_code=${body.user_code}`);
    assert.match(await form.text(), new RegExp(`name="user_code"[^>]*value="${body.user_code}"`));
    const typed = (body.user_code as string).toLowerCase().replace(/^(....)/, '$1-');
    const approval = await (
      await followLogin(
        browser,
        stack.emulatorUrl,
        await browser.post(`${stack.emulatorUrl}/setup/connect`, { user_code: typed }),
      )
    ).text();
    assert.match(approval, /name="password"/, 'not logged in yet: the login page');
    const loggedIn = await browser.post(`${stack.emulatorUrl}/setup/connect/login`, {
      request: hiddenValue(approval, 'request'),
      username: stack.config.username,
      password: stack.config.emulator.password,
    });
    // Post/Redirect/Get: the approval is a page of its own, so Back never sends the password again.
    assert.equal(loggedIn.status, 303);
    const allowPage = await (await followLogin(browser, stack.emulatorUrl, loggedIn)).text();
    assert.match(allowPage, new RegExp(`Logged in as ${stack.config.username}`));
    const switched = await browser.post(`${stack.emulatorUrl}/setup/connect/switch`, {
      request: hiddenValue(allowPage, 'request'),
    });
    const again = await switched.text();
    assert.match(again, /name="password"/);
    assert.equal(hiddenValue(again, 'request'), hiddenValue(allowPage, 'request'), 'the same pending code');
  });

  test("a login left open past the code's 10 minutes says the code may be spent, and to start again on the device", async () => {
    const { stack } = device;
    const { body } = await start();
    const browser = new TestClient();
    const loginPage = await (
      await followLogin(
        browser,
        stack.emulatorUrl,
        await browser.post(`${stack.emulatorUrl}/setup/connect`, { user_code: body.user_code as string }),
      )
    ).text();
    device.clock += 11 * 60_000;
    const loggedIn = await browser.post(`${stack.emulatorUrl}/setup/connect/login`, {
      request: hiddenValue(loginPage, 'request'),
      username: stack.config.username,
      password: stack.config.emulator.password,
    });
    const page = await (await followLogin(browser, stack.emulatorUrl, loggedIn)).text();
    assert.match(page, /This connection request has expired/);
    assert.match(
      page,
      /If that code is refused, its 10 minutes are over: start again on the device for a new one\./,
    );
    // A way on from here: the page where the code is entered again, not only the emulator's home.
    assert.match(page, /<a href="\/setup\/connect">Enter the code again<\/a>/);
  });

  for (const decision of ['allow', 'deny'] as const) {
    test(`Back to the approval page after ${decision === 'allow' ? 'Allow' : 'Deny'} shows that answer again, not an expired request`, async () => {
      const { stack } = device;
      const { body } = await start();
      const browser = new TestClient();
      const codeSent = await browser.post(`${stack.emulatorUrl}/setup/connect`, {
        user_code: body.user_code as string,
      });
      const loggedIn = await browser.post(`${stack.emulatorUrl}/setup/connect/login`, {
        request: hiddenValue(
          await (await followLogin(browser, stack.emulatorUrl, codeSent)).text(),
          'request',
        ),
        username: stack.config.username,
        password: stack.config.emulator.password,
      });
      const approvalUrl = new URL(loggedIn.headers.get('location') ?? '', stack.emulatorUrl).href;
      const approval = await (await browser.get(approvalUrl)).text();
      const answered = await browser.post(`${stack.emulatorUrl}/setup/connect/approve`, {
        request: hiddenValue(approval, 'request'),
        decision,
      });
      const heading = decision === 'allow' ? /You're connected/ : /Access denied/;
      assert.match(await answered.text(), heading);
      // Back (the approval page's URL again), and the form on it sent once more: the answer given, both times.
      const back = await browser.get(approvalUrl);
      assert.equal(back.status, 200);
      const backHtml = await back.text();
      assert.match(backHtml, heading);
      assert.doesNotMatch(backHtml, /expired/);
      const resent = await browser.post(`${stack.emulatorUrl}/setup/connect/approve`, {
        request: hiddenValue(approval, 'request'),
        decision: decision === 'allow' ? 'deny' : 'allow',
      });
      assert.match(await resent.text(), heading, 'the first answer stands');
      // And the device gets that first answer.
      device.clock += 5_000;
      const polled = await poll(body.device_code as string);
      assert.equal(polled.status, decision === 'allow' ? 200 : 400);
    });
  }

  test('answers hostile verification and multipart requests calmly: 400s, no crash, no prototype pollution', async () => {
    const { stack } = device;
    const browser = new TestClient();
    await browser.post(`${stack.emulatorUrl}/setup/connect`, { user_code: 'ABCD2345' });
    for (const request of ['__proto__', 'constructor', 'toString']) {
      for (const step of ['login', 'approve', 'switch']) {
        const answer = await browser.post(`${stack.emulatorUrl}/setup/connect/${step}`, {
          request,
          decision: 'allow',
          username: stack.config.username,
          password: stack.config.emulator.password,
        });
        assert.equal(answer.status, 400, `${step} ${request}`);
      }
    }
    const listCode = await browser.request(`${stack.emulatorUrl}/setup/connect`, {
      method: 'POST',
      body: 'user_code=A&user_code=B',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(listCode.status, 400);
    const form = new FormData();
    form.append('__proto__[polluted]', 'yes');
    form.append('constructor[prototype][polluted]', 'yes');
    form.append('grant_type', 'device');
    const encoded = new Response(form);
    const answer = await browser.request(`${stack.emulatorUrl}/services/oauth2/token`, {
      method: 'POST',
      body: Buffer.from(await encoded.arrayBuffer()),
      headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
    });
    assert.equal(answer.status, 400);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
