// One session doing two things at once: a device flow waiting for its user keeps its record while other flows run
// (and its failure leaves theirs alone), and a second refresh while one is under way is refused before it sends the
// same refresh token again.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { answerDeviceCode } from '../../support/device.ts';
import { EmulatorFaults } from '../../support/faults.ts';
import { authorizeViaApp, postForm, runWebServerFlow } from '../../support/flows.ts';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('one session, two things at once', () => {
  let stack: TestStack;
  let clock = Date.parse('2026-11-20T10:00:00Z');
  const client = new TestClient();
  const page = async (path: string) => (await client.get(`${stack.appUrl}${path}`)).text();
  const run = async (flowPath: string) =>
    (await postForm(stack, client, flowPath, flowPath)).headers.get('location');
  /** The sequence diagram's first step as the page shows it. */
  const firstStep = (html: string) => /<strong>1\. ([^:<]+):<\/strong>/.exec(html)?.[1];

  before(async () => {
    stack = await startTestStack({}, { now: () => clock });
  });
  after(() => stack.close());

  test('keeps its record while another flow runs in the same session, and signs in with it', async () => {
    assert.equal(await run('/flows/device'), '/flows/device');
    const waiting = await page('/flows/device');
    const userCode = /<code id="user-code">([A-Z0-9]{8})<\/code>/.exec(waiting)?.[1] ?? '';
    assert.equal(firstStep(waiting), 'Done');

    // Client credentials without a Run As user: a failed attempt of another flow, now the session's latest.
    assert.equal(await run('/flows/client-credentials'), '/flows/client-credentials#teaching-heading');
    assert.match(await page('/flows/client-credentials'), /no client credentials user enabled/);
    const meanwhile = await page('/flows/device');
    assert.ok(meanwhile.includes(`<code id="user-code">${userCode}</code>`), 'the code is still shown');
    assert.equal(firstStep(meanwhile), 'Done', 'and so is the request that gave it');
    assert.match(meanwhile, /device authorization/);

    await answerDeviceCode(stack, `${stack.emulatorUrl}/setup/connect`, userCode);
    clock += 5_000;
    assert.equal(
      (await postForm(stack, client, '/flows/device', '/flows/device/poll')).headers.get('location'),
      '/result',
    );
    const result = await page('/result');
    assert.match(result, /<td>Acme Inc\.<\/td>/);
    assert.equal(firstStep(result), 'Done', 'the sign-in shows step 1, not "Not reached"');
    assert.match(result, /device authorization/);
  });

  test('a device flow that fails while a login waits at Salesforce leaves that login its own legs', async () => {
    assert.equal(await run('/flows/device'), '/flows/device');
    const userCode =
      /<code id="user-code">([A-Z0-9]{8})<\/code>/.exec(await page('/flows/device'))?.[1] ?? '';
    const callback = await authorizeViaApp(stack, client, '/flows/web-server/start', {
      meanwhile: async () => {
        await answerDeviceCode(stack, `${stack.emulatorUrl}/setup/connect`, userCode, 'deny');
        clock += 5_000;
        const poll = await postForm(stack, client, '/flows/device', '/flows/device/poll');
        assert.equal(poll.headers.get('location'), '/flows/device#teaching-heading');
      },
    });
    assert.match(await page('/flows/device'), /access_denied/);
    assert.equal((await client.get(callback)).headers.get('location'), '/result');
    const result = await page('/result');
    assert.equal(firstStep(result), 'Done', 'the login kept the legs before its callback');
    assert.match(result, /data-leg="authorize"/);
  });

  test('a second refresh while one is under way is refused, explained, and sends nothing', async () => {
    await runWebServerFlow(stack, client);
    const refreshes = () =>
      stack.emulator?.received.filter((r) => r.params.grant_type === 'refresh_token').length ?? 0;
    const before = refreshes();
    const html = await page('/flows/refresh-token');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const faults = new EmulatorFaults(stack.emulatorServer!);
    const token = faults.hold('/services/oauth2/token');
    try {
      const first = client.post(`${stack.appUrl}/flows/refresh-token`, { _csrf: csrf });
      await token.arrived;
      const second = await client.post(`${stack.appUrl}/flows/refresh-token`, { _csrf: csrf });
      assert.equal(second.status, 409);
      const text = await second.text();
      assert.match(text, /A refresh is already under way/);
      assert.match(text, /with rotation on Salesforce would revoke every token of the login/);
      token.release();
      assert.equal((await first).headers.get('location'), '/result');
    } finally {
      token.release();
      await faults.restore();
    }
    assert.equal(refreshes(), before + 1, 'one refresh reached Salesforce');
    assert.match(await page('/result'), /<td>Acme Inc\.<\/td>/);
  });
});
