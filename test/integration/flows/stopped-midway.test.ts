// Salesforce not answering a flow: stopped in the middle, the host answered the flow's earlier calls, so the page
// says its address is right; down from the start, the call that got no answer is in the transcript all the same;
// down after a sign-in, the result page says no setting is wrong.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { faultyStack } from '../../support/faulty-stack.ts';
import { TestClient } from '../../support/http.ts';
import { authorizeViaApp, postForm, runWebServerFlow } from '../../support/flows.ts';

describe('Salesforce not answering a flow', () => {
  const faulty = faultyStack();

  test('web server: down between the login and the code exchange, the host is said to have answered before', async () => {
    const client = new TestClient();
    const callbackUrl = await authorizeViaApp(faulty.stack, client, '/flows/web-server/start');
    await faulty.faults.down();
    try {
      assert.equal(
        (await client.get(callbackUrl)).headers.get('location'),
        '/flows/web-server#teaching-heading',
      );
    } finally {
      await faulty.faults.restore();
    }
    const page = await (await client.get(`${faulty.stack.appUrl}/flows/web-server`)).text();
    assert.match(page, /<h3>Salesforce did not answer<\/h3>/);
    assert.match(
      page,
      new RegExp(
        `${faulty.stack.emulatorUrl} answered an earlier call of this attempt, so its address is right`,
      ),
    );
  });

  test('web server: down before the login, the pre-flight that got no answer is in the transcript', async () => {
    const client = new TestClient();
    await faulty.faults.down();
    try {
      const start = await client.get(`${faulty.stack.appUrl}/flows/web-server/start`);
      assert.equal(start.headers.get('location'), '/flows/web-server#teaching-heading');
    } finally {
      await faulty.faults.restore();
    }
    const page = await (await client.get(`${faulty.stack.appUrl}/flows/web-server`)).text();
    assert.match(page, /<h3>Salesforce did not answer<\/h3>/);
    // The fix says to check the host the transcript shows for the failed call: it is there.
    assert.match(page, /data-leg="pre-flight"/);
    assert.doesNotMatch(page, /answered an earlier call/);
  });

  test('after a sign-in: the result page says the instance Salesforce named stopped answering, no setting is wrong', async () => {
    const client = new TestClient();
    assert.equal((await runWebServerFlow(faulty.stack, client)).location, '/result');
    await faulty.faults.down();
    let page: string;
    try {
      page = await (await client.get(`${faulty.stack.appUrl}/result`)).text();
    } finally {
      await faulty.faults.restore();
    }
    assert.match(page, /<h3>Salesforce did not answer<\/h3>/);
    assert.match(
      page,
      /This sign-in worked, and Salesforce itself named https:\/\/\S+ as its instance, so no setting is wrong/,
    );
  });

  test('JWT: a host that never answered in this attempt is not said to have answered', async () => {
    const client = new TestClient();
    await faulty.faults.down();
    try {
      await postForm(faulty.stack, client, '/flows/jwt', '/flows/jwt');
    } finally {
      await faulty.faults.restore();
    }
    const page = await (await client.get(`${faulty.stack.appUrl}/flows/jwt`)).text();
    assert.match(page, /<h3>Salesforce did not answer<\/h3>/);
    assert.doesNotMatch(page, /answered an earlier call/);
  });
});
