// Teaching text that states Salesforce behaviour says only what a source backs: where the wire references and
// Salesforce's pages are silent, the page says the claim is reported or unconfirmed rather than stating it as fact.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { resultWithToken, runWebServerFlow } from '../support/flows.ts';
import { TestClient } from '../support/http.ts';
import { pageText as text } from '../support/paste.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

describe('Salesforce claims in the teaching text', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  test('the result page says an API call counting as session activity is reported, not documented', async () => {
    const client = new TestClient();
    await runWebServerFlow(stack, client);
    const page = text((await resultWithToken(stack, client)).page);
    assert.ok(
      page.includes(
        'that each API call with the token counts as activity is reported, not documented (the local emulator counts it)',
      ),
    );
    assert.ok(
      page.includes(
        "A session's activity is noted only once half the timeout has passed since the last time",
      ),
    );
    assert.ok(!page.includes('Each call with it counts as activity'), 'no longer stated as fact');
  });
});
