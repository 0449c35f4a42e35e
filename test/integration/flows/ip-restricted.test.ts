// "ip restricted" in the JWT bearer flow and elsewhere: the app's IP Relaxation policy cures it for some flows and
// never for the JWT bearer one (Salesforce Help), so each gets the fix that can work.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { explainPasted, postForm, runWebServerFlow } from '../../support/flows.ts';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('ip restricted', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
    await runWebServerFlow(stack, new TestClient()); // the admin approves the app, so only the switch refuses
  });
  after(() => stack.close());

  test('a JWT bearer run refused for its address is told the policy does not apply to it, not to relax it', async () => {
    const client = new TestClient();
    const armed = await postForm(stack, client, '/flows/jwt', '/teaching/break-it', {
      flow: 'jwt',
      faults: 'ip-restricted',
    });
    assert.equal(armed.status, 303);
    await postForm(stack, client, '/flows/jwt', '/flows/jwt');
    const page = await (await client.get(`${stack.appUrl}/flows/jwt`)).text();
    assert.match(page, /<code>ip restricted<\/code>/);
    assert.match(page, /The JWT bearer login came from an IP address the user&#39;s profile does not allow/);
    assert.match(page, /always enforces IP restrictions, whatever the app&#39;s IP Relaxation policy/);
    assert.doesNotMatch(page, /set the app&#39;s IP Relaxation to/);
  });

  test('a refresh refused for its address is offered the policy that relaxes refreshes, and a JWT paste its own card', async () => {
    const refresh = await explainPasted(
      stack,
      'Error authenticating with the refresh token due to: ip restricted',
    );
    assert.match(refresh, /IP address the org does not allow/);
    assert.match(refresh, /Enforce IP restrictions, but relax for refresh tokens/);
    const jwt = await explainPasted(
      stack,
      'grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=… → {"error":"invalid_grant","error_description":"ip restricted"}',
    );
    assert.match(jwt, /The JWT bearer login came from an IP address/);
  });
});
