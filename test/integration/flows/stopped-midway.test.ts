// Salesforce stopping in the middle of a flow: the host answered the flow's earlier calls, so the page says its
// address is right, rather than leaving a wrong SF_LOGIN_URL as the likeliest cause.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { EmulatorFaults } from '../../support/faults.ts';
import { TestClient } from '../../support/http.ts';
import { authorizeViaApp, postForm } from '../../support/flows.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('Salesforce stopped in the middle of a flow', () => {
  let stack: TestStack;
  let faults: EmulatorFaults;
  before(async () => {
    stack = await startTestStack();
    faults = new EmulatorFaults(stack.emulatorServer!);
  });
  after(async () => {
    await faults.restore();
    await stack.close();
  });

  test('web server: down between the login and the code exchange, the host is said to have answered before', async () => {
    const client = new TestClient();
    const callbackUrl = await authorizeViaApp(stack, client, '/flows/web-server/start');
    await faults.down();
    try {
      assert.equal(
        (await client.get(callbackUrl)).headers.get('location'),
        '/flows/web-server#teaching-heading',
      );
    } finally {
      await faults.restore();
    }
    const page = await (await client.get(`${stack.appUrl}/flows/web-server`)).text();
    assert.match(page, /<h3>Salesforce did not answer<\/h3>/);
    assert.match(
      page,
      new RegExp(`${stack.emulatorUrl} answered an earlier call of this attempt, so its address is right`),
    );
  });

  test('JWT: a host that never answered in this attempt is not said to have answered', async () => {
    const client = new TestClient();
    await faults.down();
    try {
      await postForm(stack, client, '/flows/jwt', '/flows/jwt');
    } finally {
      await faults.restore();
    }
    const page = await (await client.get(`${stack.appUrl}/flows/jwt`)).text();
    assert.match(page, /<h3>Salesforce did not answer<\/h3>/);
    assert.doesNotMatch(page, /answered an earlier call/);
  });
});
