// The device flow against an org (another emulator) whose clock is not the app's: however late the page polls, the
// org says whether its code is still good; one that still answers "pending" long after a code's 10 minutes is not
// polled for ever.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { assertExplained, postForm } from '../../support/flows.ts';
import { TestClient } from '../../support/http.ts';
import { startOrgModeApp } from '../../support/org-mode.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('the device flow against an org of its own', () => {
  let org: TestStack;
  let app: TestStack;
  let orgClock = Date.now();
  let appClock = Date.now();
  before(async () => {
    org = await startTestStack({}, { emulatorOnly: true, now: () => orgClock });
    app = await startOrgModeApp(org.emulatorUrl, {}, { now: () => appClock });
  });
  after(async () => {
    await app.close();
    await org.close();
  });

  const devicePolls = () =>
    org.emulator?.received.filter((r) => r.params.grant_type === 'device').length ?? 0;

  test('an org still answering "pending" past 15 minutes is asked, and then not polled again', async () => {
    const client = new TestClient();
    await client.get(app.accessUrl ?? '');
    const run = await postForm(app, client, '/flows/device', '/flows/device');
    assert.equal(run.headers.get('location'), '/flows/device#code-heading');
    const poll = async () =>
      (await postForm(app, client, '/flows/device', '/flows/device/poll')).headers.get('location');
    // This machine's clock runs ahead of the org's: to the org, its code is seconds old.
    appClock += 14 * 60_000 + 59_000;
    orgClock += 6_000;
    assert.equal(await poll(), '/flows/device#code-heading', 'within 15 minutes the page goes on polling');
    // "Check now" 2 s later, past the 15 minutes: too soon to ask the org again, so nothing is known yet.
    appClock += 2_000;
    const asked = devicePolls();
    assert.equal(
      await poll(),
      '/flows/device#code-heading',
      'a check not sent to the org does not end the attempt',
    );
    assert.equal(devicePolls(), asked);
    appClock += 5_000;
    orgClock += 6_000;
    const before = devicePolls();
    assert.equal(await poll(), '/flows/device#teaching-heading');
    assert.equal(devicePolls(), before + 1, 'the org was asked first');
    assertExplained(await (await client.get(`${app.appUrl}/flows/device`)).text(), {
      error: 'device_still_pending',
      description: 'still pending 15 minutes after the code was issued: this app stopped polling',
      title: 'Salesforce kept saying the code was waiting',
    });
  });
});
