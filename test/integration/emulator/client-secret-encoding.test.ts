// A client secret with + or % in it (a learner's own, in emulator mode: Salesforce's are hex or digits) sent in HTTP
// Basic: taken as RFC 6749 §2.3.1 encodes it (openid-client) and as most clients send it, raw (curl --user,
// requests' auth=, this app's own client credentials run).
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { ADMIN_ID, basicAuth, changeSettings, postToken } from '../../support/emulator-api.ts';
import { postForm } from '../../support/flows.ts';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

const SECRET = 's3cr+t%41x&y';

describe('emulator: a client secret with + or % in HTTP Basic', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack({ SF_CLIENT_SECRET: SECRET });
    await changeSettings(stack, { runAsUserId: ADMIN_ID });
  });
  after(() => stack.close());

  const withBasic = (secret: string) =>
    postToken(
      stack.instanceUrl,
      { grant_type: 'client_credentials' },
      basicAuth(stack.config.clientId, secret),
    );

  test('is taken form-encoded or as written; a wrong one is still refused', async () => {
    const encoded = new URLSearchParams({ s: SECRET }).toString().slice(2);
    assert.notEqual(encoded, SECRET);
    for (const sent of [encoded, SECRET]) assert.equal((await withBasic(sent)).status, 200, sent);
    // Near misses, read either way, are no match: a space for the +, the %41 decoded, one character more.
    for (const wrong of ['s3cr t%41x&y', 's3cr+tAx&y', `${SECRET}z`]) {
      const answer = await withBasic(wrong);
      assert.equal(answer.status, 400, wrong);
      assert.equal(answer.body.error, 'invalid_client');
    }
  });

  test("the playground's own client credentials run with HTTP Basic signs in", async () => {
    const client = new TestClient();
    const flow = '/flows/client-credentials';
    const answer = await postForm(stack, client, flow, flow, { authentication: 'basic' });
    assert.equal(answer.headers.get('location'), '/result');
  });
});
