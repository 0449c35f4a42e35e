// A page's title is the first thing a screen reader says and what a tab shows: it names what happened, not only
// the page (one result page serves every flow; a flow page after a failed Run is not the page before it).
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { postForm, runWebServerFlow } from '../support/flows.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const titleOf = async (response: { text(): Promise<string> }) =>
  /<title>([^<]*)<\/title>/.exec(await response.text())?.[1];

describe('page titles say what happened', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  test('a failed Run, the result of a flow, and a signed-out page opened without a logout', async () => {
    const client = new TestClient();
    assert.equal(
      await titleOf(await client.get(`${stack.appUrl}/signed-out`)),
      'Not signed in · Salesforce OAuth playground',
    );
    assert.equal(
      await titleOf(await client.get(`${stack.appUrl}/flows/jwt`)),
      'JWT bearer flow · Salesforce OAuth playground',
    );
    await postForm(stack, client, '/flows/jwt', '/flows/jwt'); // refused: the app was never approved
    assert.equal(
      await titleOf(await client.get(`${stack.appUrl}/flows/jwt`)),
      'JWT bearer flow: last attempt failed · Salesforce OAuth playground',
    );
    assert.equal((await runWebServerFlow(stack, client)).location, '/result');
    assert.equal(
      await titleOf(await client.get(`${stack.appUrl}/result`)),
      'Signed in (web server flow) · Salesforce OAuth playground',
    );
  });

  test("the emulator's home page, and its login page after a refused login", async () => {
    const client = new TestClient();
    assert.equal(
      await titleOf(await client.get(`${stack.emulatorUrl}/`)),
      'Home · Local Salesforce emulator',
    );
    await client.get(`${stack.emulatorUrl}/setup`);
    const refused = await client.post(`${stack.emulatorUrl}/setup/login`, {
      csrf: '',
      username: stack.config.username,
      password: 'wrong',
    });
    assert.equal(await titleOf(refused), 'Login failed · Local Salesforce emulator');
  });
});
