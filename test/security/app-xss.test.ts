// Markup smuggled in through everything the app shows from outside: error_description and error codes in the
// callback, SOQL text and the errors it causes, and claims of a forged id_token. All of it arrives escaped.
import assert from '../support/assert.ts';
import { after, afterEach, before, describe, test } from 'node:test';
import { assertEscaped, assertStillServing } from '../support/attacks.ts';
import { TestClient } from '../support/http.ts';
import { rawRequest } from '../support/raw.ts';
import { postForm, runUserAgentFlow, runWebServerFlow } from '../support/flows.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const PAYLOAD = '<script>window.pwned=1</script><img src=x onerror="alert(1)">';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('attacks through displayed text', () => {
  let stack: TestStack;
  afterEach(() => assertStillServing(stack, new TestClient()));
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  /** Starts the web server flow and returns the callback a real Salesforce error would use: this login's state. */
  const callbackWith = async (client: TestClient, params: Record<string, string>) => {
    const start = await client.get(`${stack.appUrl}/flows/web-server/start`);
    const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
    const query = new URLSearchParams({ ...params, state });
    assert.equal((await client.get(`${stack.config.callbackUrl}?${query}`)).status, 303);
    return (await client.get(`${stack.appUrl}/flows/web-server`)).text();
  };

  test('error_description with the right state is shown escaped', async () => {
    const html = await callbackWith(new TestClient(), { error: 'access_denied', error_description: PAYLOAD });
    assert.ok(html.includes('<h3>The user clicked Deny</h3>'));
    assertEscaped(html, PAYLOAD);
  });

  test("an unknown error code becomes the explainer's title, escaped", async () => {
    const html = await callbackWith(new TestClient(), { error: PAYLOAD });
    assertEscaped(html, PAYLOAD);
    assert.ok(html.includes(`<h3>Salesforce answered &lt;script&gt;window.pwned=1&lt;/script&gt;`));
  });

  test('#error_description posted from the fragment with the right state is shown escaped', async () => {
    const client = new TestClient();
    const redirect = await runUserAgentFlow(stack, client, {}, (fragment) => {
      const state = new URLSearchParams(fragment).get('state') ?? '';
      return new URLSearchParams({ error: 'access_denied', error_description: PAYLOAD, state }).toString();
    });
    assert.equal(redirect, '/flows/user-agent#teaching-heading');
    assertEscaped(await (await client.get(`${stack.appUrl}/flows/user-agent`)).text(), PAYLOAD);
  });

  for (const [name, soql] of [
    ['in a string literal', `SELECT Id, Name FROM Account WHERE Name = '${PAYLOAD.replace(/'/g, '')}'`],
    ['that makes the query fail', `SELECT ${PAYLOAD} FROM Account`],
  ]) {
    test(`SOQL with markup ${name} is shown escaped on the result page`, async () => {
      const client = new TestClient();
      await runWebServerFlow(stack, client);
      assert.equal((await postForm(stack, client, '/result', '/result/query', { soql })).status, 303);
      const html = await (await client.get(`${stack.appUrl}/result`)).text();
      assertEscaped(html, PAYLOAD);
      assert.match(html, /data-leg="query"/);
    });
  }

  test('claims and header of a forged id_token are decoded on the page, escaped', async () => {
    const client = new TestClient();
    const redirect = await runUserAgentFlow(stack, client, {}, (fragment) => {
      const params = new URLSearchParams(fragment);
      const header = { alg: 'RS256', kid: PAYLOAD };
      const claims = {
        iss: PAYLOAD,
        [PAYLOAD]: 'claim name',
        nonce: PAYLOAD,
        custom_attributes: { x: PAYLOAD },
      };
      params.set('id_token', `${b64(header)}.${b64(claims)}.c2lnbmF0dXJl`);
      return params.toString();
    });
    assert.equal(redirect, '/flows/user-agent#teaching-heading');
    const html = await (await client.get(`${stack.appUrl}/flows/user-agent`)).text();
    assert.match(html, /<h3>Decoded id_token<\/h3>/);
    assert.ok(html.includes('<code>id_token_invalid</code>'));
    assertEscaped(html, PAYLOAD);
  });

  test('a 404 for a path holding markup shows the path escaped', async () => {
    const answer = await rawRequest(stack.appUrl, `/x${PAYLOAD.replace(/ /g, '%20')}`, {
      headers: { accept: 'text/html' },
    });
    assert.equal(answer.status, 404);
    assertEscaped(answer.body, PAYLOAD.replace(/ /g, '%20'));
  });
});
