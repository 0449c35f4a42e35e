// The paste-an-error page on the Salesforce CLI's output (its tables and sentences that print a password or token
// back, its JSON errors) and on Node's fetch (undici), whose reason is in the error's cause.
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { firstCard, leadOf, pageText, pasteStack } from '../support/paste.ts';

const PASSWORD = 'k5!vhgxbvXmqp';
const TOKEN = '00D5g000004xYzA!AQ0AQKx7mR2v9fW3pLq8sT1uVb6nC4dE5fG7hJ9kL0mN2oP4qR6sT8uV0wX2yZ';
const LOGIN_REFUSED = 'INVALID_LOGIN: Invalid username, password, security token; or user locked out.';

describe('the trouble path: pastes from the sf CLI and Node', () => {
  const { explain } = pasteStack();

  test('the sf CLI printing a password back, in a table or a sentence, has it masked', async () => {
    const plain = [
      '=== User Description',
      'KEY           VALUE',
      'Username      test-abc@example.com',
      `Access Token  ${TOKEN}`,
      `Password      ${PASSWORD}`,
      LOGIN_REFUSED,
    ].join('\n');
    const boxed = [
      '│ Username     │ test-abc@example.com │',
      `│ Password     │ ${PASSWORD}        │`,
      LOGIN_REFUSED,
    ].join('\n');
    const generated = `Successfully set the password "${PASSWORD}" for user test-abc@example.com.\n${LOGIN_REFUSED}`;
    for (const pasted of [plain, boxed, generated]) {
      const html = await explain(pasted);
      assert.ok(!html.includes(PASSWORD) && !html.includes(TOKEN.slice(20)), `shown:\n${pasted}`);
      assert.match(html, /test-abc@example\.com/, 'the username stays');
      assert.equal(firstCard(html), 'The SOAP login() was refused');
    }
    // A sentence naming the column keeps its words.
    const prose = await explain('Password  is empty in the table.\ninvalid_grant: authentication failure');
    assert.match(prose, /Password {2}is empty/);
  });

  test("the sf CLI's errors lead with Salesforce's words, its own wrapping left out", async () => {
    const json = await explain(
      JSON.stringify(
        {
          code: 'JwtGrantError',
          message:
            'We encountered a JSON web token error, which is likely not an issue with Salesforce CLI. Here’s the error: invalid_client_id: client identifier invalid',
          name: 'JwtGrantError',
          status: 1,
          stack:
            'JwtGrantError: …\n    at LoginJwt.run (/usr/local/lib/node_modules/@salesforce/plugin-auth/lib/commands/org/login/jwt.js:74:19)',
          exitCode: 1,
          warnings: [],
        },
        null,
        2,
      ),
    );
    assert.equal(leadOf(json), "Salesforce's answer: invalid_client_id / client identifier invalid.");
    const config = await explain(
      'ERROR running force:org:display:  This org appears to have a problem with its OAuth configuration. Reason: invalid_grant - expired access/refresh token \nusername: dev@example.com, \nclientId: PlatformCLI, \nloginUrl: https://login.salesforce.com, \nprivateKey: undefined',
    );
    assert.equal(leadOf(config), "Salesforce's answer: invalid_grant / expired access/refresh token.");
  });

  test("Node's fetch failed: its cause read when pasted, the way to print it when not", async () => {
    const bare = await explain(
      'TypeError: fetch failed\n    at node:internal/deps/undici/undici:13502:13\n    at async getToken (/app/src/token.js:12:15)',
    );
    assert.equal(firstCard(bare), "Node's fetch failed, and the reason was left out");
    assert.match(leadOf(bare), /^Not an answer from Salesforce.*TypeError: fetch failed/);
    const socket = await explain(
      "TypeError: fetch failed\n    at node:internal/deps/undici/undici:13502:13 {\n  [cause]: SocketError: other side closed\n      at TLSSocket.onSocketEnd (node:internal/deps/undici/undici:6102:26) {\n    code: 'UND_ERR_SOCKET'\n  }\n}",
    );
    assert.equal(firstCard(socket), 'Salesforce did not answer');
    assert.doesNotMatch(socket, /Salesforce answered UND_ERR_SOCKET/);
    assert.match(
      leadOf(socket),
      /SocketError: other side closed/,
      'the lead quotes the cause, not its code alone',
    );
    const timeout = await explain(
      "TypeError: fetch failed {\n  [cause]: ConnectTimeoutError: Connect Timeout Error (attempted address: login.salesforce.com:443, timeout: 10000ms)\n      at onConnectTimeout (node:internal/deps/undici/undici:2602:28) {\n    code: 'UND_ERR_CONNECT_TIMEOUT'\n  }\n}",
    );
    assert.equal(firstCard(timeout), 'Salesforce did not answer in time');
    assert.match(leadOf(timeout), /ConnectTimeoutError: Connect Timeout Error \(attempted address/);
  });

  test("a Node stack's frames are places in files, not codes: err.stack of a fetch that failed", async () => {
    // As Node 20 prints err.stack (no cause): its task_queues:95:5 was read as Salesforce's code task_queues.
    const stack = await explain(
      'TypeError: fetch failed\n    at node:internal/deps/undici/undici:14976:13\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)\n    at async main (/app/src/get_token.js:12:7)',
    );
    assert.equal(firstCard(stack), "Node's fetch failed, and the reason was left out");
    assert.doesNotMatch(stack, /Salesforce answered (?:task_queues|get_token)/);
    assert.match(pageText(stack), /which a log of error\.message or error\.stack leaves out/);
    // A frame after a real code's line changes nothing: the code is read.
    const after = await explain(
      'Error: invalid_grant: authentication failure\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    );
    assert.equal(leadOf(after), "Salesforce's answer: invalid_grant / authentication failure.");
  });
});
