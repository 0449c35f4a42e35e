// One session doing two things at once: a device flow waiting for its user keeps its record while other flows run
// (and its failure leaves theirs alone), and a second refresh while one is under way is refused before it sends the
// same refresh token again.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { answerDeviceCode } from '../../support/device.ts';
import { whileHeld } from '../../support/held-requests.ts';
import { authorizeViaApp, postForm, runWebServerFlow } from '../../support/flows.ts';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';
import { Visitor } from '../../support/visitor.ts';

/** An attempt's error as its flow page's error box shows it (the page's own text may name the same words). */
const SHOWN_ERROR = (description: string) =>
  new RegExp(`</code>: <code>${description}</code> \\(HTTP \\d+\\)`);

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
    assert.equal(await run('/flows/device'), '/flows/device#code-heading');
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
    assert.equal(await run('/flows/device'), '/flows/device#code-heading');
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
    await whileHeld(stack.emulatorServer!, '/services/oauth2/token', async (token) => {
      const first = client.post(`${stack.appUrl}/flows/refresh-token`, { _csrf: csrf });
      await token.arrived;
      const second = await client.post(`${stack.appUrl}/flows/refresh-token`, { _csrf: csrf });
      assert.equal(second.status, 409);
      const text = await second.text();
      assert.match(text, /A refresh is already under way/);
      assert.match(text, /with rotation on Salesforce would revoke every token of the login/);
      token.release();
      assert.equal((await first).headers.get('location'), '/result');
    });
    assert.equal(refreshes(), before + 1, 'one refresh reached Salesforce');
    assert.match(await page('/result'), /<td>Acme Inc\.<\/td>/);
  });

  test("a session keeps the newest failed attempts of three flows, letting older flows' records go", async () => {
    const visitor = new Visitor(() => stack);
    const failed = async (flowPath: string, form: Record<string, string> = {}) => {
      clock += 1_000;
      assert.match((await visitor.run(flowPath, form)) ?? '', /#teaching-heading$/, flowPath);
    };
    await failed('/flows/client-credentials'); // no Run As user
    await visitor.arm('/flows/jwt', 'jwt', 'wrong-aud');
    await failed('/flows/jwt');
    await visitor.arm('/flows/device', 'device', 'device-blocked');
    await failed('/flows/device');
    assert.match(
      await visitor.page('/flows/client-credentials'),
      SHOWN_ERROR('no client credentials user enabled'),
    );
    await failed('/flows/username-password', {
      username: 'admin@playground.local',
      password: 'x',
      securityToken: 'y',
    });
    assert.doesNotMatch(
      await visitor.page('/flows/client-credentials'),
      SHOWN_ERROR('no client credentials user enabled'),
    );
    assert.match(await visitor.page('/flows/jwt'), SHOWN_ERROR('audience is invalid'));
    assert.match(await visitor.page('/flows/device'), SHOWN_ERROR('device flow is not enabled for the app'));
  });

  test('two logins of one flow in two tabs each finish their own attempt, with its own legs', async () => {
    let otherState = '';
    const callback = await authorizeViaApp(stack, client, '/flows/web-server/start', {
      meanwhile: async () => {
        // The other tab's whole login, started after this one and finished before it.
        const other = await runWebServerFlow(stack, client);
        assert.equal(other.location, '/result');
        otherState = new URL(other.callbackUrl).searchParams.get('state') ?? '';
      },
    });
    const ownState = new URL(callback).searchParams.get('state') ?? '';
    assert.notEqual(ownState, otherState);
    assert.equal((await client.get(callback)).headers.get('location'), '/result');
    const result = await page('/result');
    assert.equal(firstStep(result), 'Done', 'its own authorize leg, not a record begun at its callback');
    const authorize = /data-entry="([^"]+)" data-leg="authorize"/.exec(result)?.[1];
    const leg = await page(`/teaching/legs/${authorize}?part=body`);
    assert.ok(leg.includes(ownState), 'the authorize leg of this login, with its state');
    assert.ok(!leg.includes(otherState), 'not the other tab’s');
  });
});
