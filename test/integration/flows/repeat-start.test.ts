// A start that repeats an attempt ("send me to Salesforce anyway", or a start another tab's sign-in overtook)
// carries that attempt's own faults in its link: another tab's newer attempt, or switches armed since, never
// take their place.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { whileHeld } from '../../support/faults.ts';
import { hiddenValue } from '../../support/emulator-login.ts';
import { TestClient } from '../../support/http.ts';
import { postForm, runWebServerFlow } from '../../support/flows.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('a repeated start carries its own attempt’s faults', () => {
  let stack: TestStack;
  const page = async (client: TestClient, path: string) =>
    (await client.get(`${stack.appUrl}${path}`)).text();
  const arm = (client: TestClient, faults: string, flow = 'web-server') =>
    postForm(stack, client, `/flows/${flow}`, '/teaching/break-it', { flow, faults });
  /** The emulator's answer to the login form behind an authorize URL, signed in as the configured user. */
  const signInAt = async (client: TestClient, authorizeUrl: string) => {
    const loginPage = await (await client.get(authorizeUrl)).text();
    assert.match(loginPage, /name="password"/);
    return client.post(`${stack.emulatorUrl}/services/oauth2/authorize/login`, {
      request: hiddenValue(loginPage, 'request'),
      username: stack.config.username,
      password: stack.config.emulator.password,
    });
  };

  before(async () => {
    stack = await startTestStack();
    await runWebServerFlow(stack, new TestClient()); // the admin approves the app
  });
  after(() => stack.close());

  test('"send me anyway" in one tab repeats its refused attempt, not the login another tab started since', async () => {
    const client = new TestClient();
    await arm(client, 'callback-mismatch');
    const refused = await client.get(`${stack.appUrl}/flows/web-server/start`);
    assert.equal(refused.headers.get('location'), '/flows/web-server#teaching-heading');
    const link = /href="(\/flows\/web-server\/start\?anyway=1[^"]*)"/.exec(
      await page(client, '/flows/web-server'),
    );
    assert.equal(link?.[1], '/flows/web-server/start?anyway=1&amp;fault=callback-mismatch');

    // Another tab starts the same flow, with no fault: its login waits at Salesforce's page.
    const other = await client.get(`${stack.appUrl}/flows/web-server/start`);
    assert.match(other.headers.get('location') ?? '', /\/services\/oauth2\/authorize\?/);

    const anyway = await client.get(`${stack.appUrl}${link![1].replaceAll('&amp;', '&')}`);
    const salesforcePage = await client.get(anyway.headers.get('location') ?? '');
    assert.equal(salesforcePage.status, 400);
    assert.match(await salesforcePage.text(), /redirect_uri_mismatch/);
  });

  test('a repeat link takes only the faults its flow offers', async () => {
    const client = new TestClient();
    const link = '/flows/web-server/start?anyway=1&fault=wrong-aud&fault=tampered-state&fault=nope';
    const start = await client.get(`${stack.appUrl}${link}`);
    assert.match(start.headers.get('location') ?? '', /\/services\/oauth2\/authorize\?/);
    const armedTo = /This attempt was armed to ([^.]*)\./.exec(await page(client, '/flows/web-server'));
    assert.equal(armedTo?.[1], 'come back with a state this browser never sent');
  });

  test('a start overtaken by another tab’s sign-in starts again with its faults, though the sign-in dropped them', async () => {
    const client = new TestClient();
    await arm(client, 'ip-restricted');
    // The pre-flight (the app's own look at the authorize page) waits while the other tab signs in.
    await whileHeld(stack.emulatorServer!, '/services/oauth2/authorize', async (preflight) => {
      const start = client.get(`${stack.appUrl}/flows/web-server/start`);
      await preflight.arrived;
      assert.equal(
        (await postForm(stack, client, '/flows/jwt', '/flows/jwt')).headers.get('location'),
        '/result',
      );
      preflight.release();
      const restarted = (await start).headers.get('location') ?? '';
      assert.match(restarted, /^\/flows\/web-server\/start\?fault=ip-restricted&restarted=1$/);
      await preflight.restore();
      assert.doesNotMatch(
        await page(client, '/flows/web-server'),
        /Next attempt will:/,
        'the sign-in dropped it',
      );
      const again = await client.get(`${stack.appUrl}${restarted}`);
      const login = await signInAt(client, again.headers.get('location') ?? '');
      assert.equal(login.status, 403, 'the restarted login meets the fault it was started with');
      assert.match(await login.text(), /Restricted IP/);
    });
  });
});
