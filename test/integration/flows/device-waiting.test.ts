// A device flow waits minutes for its user; other flows run in the same session meanwhile must not take its record:
// the sign-in still shows the request that gave the user code, and the page still shows the code and its legs.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { answerDeviceCode } from '../../support/device.ts';
import { postForm } from '../../support/flows.ts';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('a device flow waiting for its user', () => {
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
});
